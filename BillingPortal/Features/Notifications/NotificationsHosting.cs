using BillingPortal.Ledger;

namespace BillingPortal.Features.Notifications;

public static class NotificationsHosting
{
    /// <summary>The notifier, the inbox behind the bell, the balance alerts and the e-mail sender the configuration picks.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions());
        services.AddSingleton<INotifier, NotificationService>();
        services.AddSingleton<NotificationInbox>();
        services.AddSingleton<OutOfCreditsQuery>();
        services.AddSingleton<BalanceAlerts>();
        services.AddSingleton<IWalletObserver>(sp => sp.GetRequiredService<BalanceAlerts>());
        var smtp = configuration.GetSection(SmtpOptions.Section).Get<SmtpOptions>() ?? new SmtpOptions();
        if (string.IsNullOrWhiteSpace(smtp.Host))
            services.AddSingleton<IEmailSender, LogEmailSender>();
        else
            services.AddSingleton<IEmailSender>(new SmtpEmailSender(smtp));
        return services;
    }
}
