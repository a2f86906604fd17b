using BillingPortal.Features.BillingDetails;
using BillingPortal.Features.Payments.Gateway;
using Microsoft.Extensions.Options;
using Stripe;

namespace BillingPortal.Features.Payments.Stripe;

public static class StripeRegistration
{
    /// <summary>The named HttpClient behind Stripe.net: tests swap its handler for a fake Stripe.</summary>
    public const string HttpClientName = "Stripe";

    /// <summary>Stripe as the payment gateway (options, the one client, customers). Its webhooks are the Webhooks feature's.</summary>
    public static IServiceCollection AddStripeGateway(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StripeOptions>().Bind(configuration.GetSection(StripeOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<StripeOptions>>().Value);
        // The one client lives as long as the app, so its connections are recycled to follow DNS changes.
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        // One StripeClient for the app, as Stripe.net recommends; no global StripeConfiguration.
        services.AddSingleton<IStripeClient>(sp =>
        {
            var options = sp.GetRequiredService<StripeOptions>();
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            return new StripeClient(options.SecretKey, httpClient: new SystemNetHttpClient(http, options.MaxNetworkRetries),
                apiBase: string.IsNullOrWhiteSpace(options.ApiBase) ? null : options.ApiBase);
        });
        services.AddSingleton<StripeCustomers>();
        // Replaces the no-op that AddBillingDetails registered: saved billing details reach the Stripe customer.
        services.AddSingleton<IBillingCustomerSync, StripeCustomerDetails>();
        services.AddSingleton<StripeGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<StripeGateway>());
        return services;
    }
}
