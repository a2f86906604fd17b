namespace BillingPortal.Features.Subscriptions.Status;

public static class StatusHosting
{
    /// <summary>What the subscription banner and the Overview read about a subscription's standing.</summary>
    public static IServiceCollection AddSubscriptionStatus(this IServiceCollection services)
    {
        services.AddSingleton<SubscriptionStatusQuery>();
        return services;
    }
}
