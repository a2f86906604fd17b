using BillingPortal.Features.Payments.Checkout;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Return;
using BillingPortal.Features.Payments.Webhooks;
using BillingPortal.Ledger;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Features.Payments.Local;
using BillingPortal.Features.Payments.Stripe;
using BillingPortal.Features.Payments.Unconfigured;

namespace BillingPortal.Hosting;

public static class PaymentsHosting
{
    /// <summary>
    /// Money movement: the payment gateway (Stripe when <c>Stripe:SecretKey</c> and <c>Stripe:WebhookSecret</c> are
    /// both set; otherwise the local checkout in Development and tests, or elsewhere only with
    /// <c>Payments:AllowLocalCheckout=true</c>; otherwise none, and payments are refused), the fulfilment every
    /// confirmation goes through, and the wallet events that low-balance notices and auto top-up listen to.
    /// </summary>
    public static WebApplicationBuilder AddPayments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<WalletEvents>();
        services.AddSingleton<PaymentFulfilment>();
        services.AddSingleton<IPaymentPurposeHandler, CreditPurchasePayments>();
        services.AddSingleton<PurchaseService>();
        services.AddSingleton<CardSetupService>();
        services.AddSingleton<PaymentMethodStore>();
        // The local vault is always there (demo cards, the local pages); which gateway runs is decided once, here.
        services.AddSingleton<LocalCardVault>();
        var availability = PaymentsAvailability.Decide(IsStripeConfigured(builder.Configuration), builder.Configuration, builder.Environment);
        services.AddSingleton(availability);
        switch (availability.Mode)
        {
            case PaymentsMode.Stripe:
                services.AddStripeGateway(builder.Configuration);
                services.AddStripeWebhooks();
                break;
            case PaymentsMode.NotConfigured:
                services.AddSingleton<IPaymentGateway, UnconfiguredGateway>();
                break;
            default:
                services.AddSingleton<IPaymentGateway, LocalGateway>();
                break;
        }
        services.AddSingleton<LocalPaymentEvents>();
        services.AddSingleton<IPendingPaymentEvents>(sp => sp.GetRequiredService<LocalPaymentEvents>());
        services.AddHostedService<LocalEventRetryService>();
        services.AddScoped<LocalCheckoutService>();
        services.AddScoped<LocalCardSetupService>();
        services.AddScoped<PurchaseReturnService>();
        services.AddAutoTopUp();
        return builder;
    }

    /// <summary>Stripe is used only when both its secret key and its webhook signing secret are set.</summary>
    public static bool IsStripeConfigured(IConfiguration configuration) => StripeOptions.IsConfigured(configuration);
}
