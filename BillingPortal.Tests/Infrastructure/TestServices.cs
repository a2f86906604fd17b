using Microsoft.Extensions.DependencyInjection.Extensions;
using BillingPortal.Features.Notifications;
using BillingPortal.Hosting;
using BillingPortal.Features.Payments;
using BillingPortal.Ledger;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Features.Payments.Local;
using BillingPortal.Tests.Features.Credits.AutoTopUp;
using Microsoft.Extensions.DependencyInjection;

namespace BillingPortal.Tests.Infrastructure;

/// <summary>The service wiring that the money tests share, as the app wires it, on a test database.</summary>
internal static class TestServices
{
    /// <summary>
    /// The database, its clock, a ledger that publishes wallet events, the real fulfilment and card store, and a
    /// recording notifier. The caller adds a gateway (<see cref="AddLocalPayments"/> or a scripted one) and its feature.
    /// </summary>
    public static IServiceCollection AddBillingCore(this IServiceCollection services, TestDatabase database)
    {
        services.AddLogging();
        services.AddSingleton(database.Factory);
        services.AddSingleton<TimeProvider>(database.Clock);
        services.AddWorkerLeases(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        services.AddSingleton<WalletEvents>();
        services.AddSingleton(database.Writes);
        services.AddSingleton(sp => new CreditLedger(database.Factory, database.Writes, database.Clock, sp.GetRequiredService<WalletEvents>()));
        services.AddSingleton<PaymentFulfilment>();
        // As the app: one handler per payment purpose (AddAutoTopUp registers auto top-up's the same idempotent way).
        services.AddSingleton<IPaymentPurposeHandler, CreditPurchasePayments>();
        services.AddSingleton<IPaymentPurposeHandler, BillingPortal.Features.Invoices.Collection.InvoicePayments>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPaymentPurposeHandler, BillingPortal.Features.Credits.AutoTopUp.AutoTopUpPayments>());
        services.AddSingleton<PaymentMethodStore>();
        services.AddSingleton<INotifier, RecordingNotifier>();
        // Payments can be taken, as in Development; a test of a server that can't registers its own.
        services.AddSingleton(new PaymentsAvailability(PaymentsMode.LocalCheckout));
        return services;
    }

    /// <summary>The local gateway and its card vault: charges behave as the saved test card says.</summary>
    public static IServiceCollection AddLocalPayments(this IServiceCollection services)
    {
        services.AddSingleton<LocalCardVault>();
        services.AddSingleton<IPaymentGateway, LocalGateway>();
        return services;
    }
}
