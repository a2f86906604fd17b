using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Payments;
using BillingPortal.Ledger;

namespace BillingPortal.Hosting;

public static class PaymentsHosting
{
    /// <summary>
    /// Money movement: the payment gateway (Stripe when <c>Stripe:SecretKey</c> and <c>Stripe:WebhookSecret</c> are
    /// both set, otherwise the local checkout), the fulfilment every confirmation goes through, and the wallet events
    /// that low-balance notices and auto top-up listen to.
    /// </summary>
    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<WalletEvents>();
        services.AddSingleton<PaymentFulfilment>();
        services.AddSingleton<PurchaseService>();
        services.AddSingleton<CardSetupService>();
        services.AddSingleton<PaymentMethodStore>();
        services.AddAutoTopUp();
        return builder;
    }
}
