using Microsoft.Extensions.DependencyInjection.Extensions;
using BillingPortal.Features.Payments;
using BillingPortal.Ledger;

namespace BillingPortal.Features.Credits.AutoTopUp;

public static class AutoTopUpHosting
{
    /// <summary>
    /// Auto top-up: the wallet trigger, the runner, the settlement observer, the worker and the settings service.
    /// Needs an <c>IPaymentGateway</c>, <see cref="PaymentFulfilment"/> and <see cref="WalletEvents"/> registered too.
    /// </summary>
    public static IServiceCollection AddAutoTopUp(this IServiceCollection services)
    {
        services.AddSingleton<AutoTopUpSettingsCache>();
        services.AddSingleton<AutoTopUpQueue>();
        services.AddSingleton<AutoTopUpTrigger>();
        services.AddSingleton<IWalletObserver>(sp => sp.GetRequiredService<AutoTopUpTrigger>());
        // TryAddEnumerable: registering auto top-up twice must not give its purpose two handlers.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPaymentPurposeHandler, AutoTopUpPayments>());
        services.AddSingleton<AutoTopUpSettlement>();
        services.AddSingleton<IPaymentObserver>(sp => sp.GetRequiredService<AutoTopUpSettlement>());
        services.AddSingleton<AutoTopUpRunner>();
        services.AddSingleton<AutoTopUpWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AutoTopUpWorker>());
        services.AddScoped<CreditSettingsService>();
        return services;
    }
}
