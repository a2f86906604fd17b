using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BillingPortal.Features.BillingDetails;

public static class BillingDetailsHosting
{
    /// <summary>The billing details service; the provider's customer sync is Stripe's when Stripe registers one, else none.</summary>
    public static IServiceCollection AddBillingDetails(this IServiceCollection services)
    {
        services.AddScoped<BillingDetailsService>();
        services.TryAddSingleton<IBillingCustomerSync, NoCustomerSync>();
        return services;
    }
}
