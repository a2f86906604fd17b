namespace BillingPortal.Features.Payments.Webhooks;

public static class StripeWebhookHosting
{
    /// <summary>
    /// The Stripe webhook receiver (inbox, translator, receiver). Registered with the Stripe gateway only: without it
    /// <c>POST /webhooks/stripe</c> answers 404, so the feature, not the adapter, decides what Stripe's events do.
    /// </summary>
    public static IServiceCollection AddStripeWebhooks(this IServiceCollection services)
    {
        services.AddSingleton<StripeWebhookInbox>();
        services.AddSingleton<StripeEventTranslator>();
        services.AddSingleton<StripeWebhookReceiver>();
        return services;
    }
}
