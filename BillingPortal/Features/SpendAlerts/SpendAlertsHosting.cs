namespace BillingPortal.Features.SpendAlerts;

public static class SpendAlertsHosting
{
    /// <summary>The spend spike alerts: the rule's settings (<see cref="SpikeAlertOptions"/>) and the leader-only worker.</summary>
    public static IServiceCollection AddSpendAlerts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(SpikeAlertOptions.From(configuration));
        services.AddSingleton<SpikeAlertWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<SpikeAlertWorker>());
        return services;
    }
}
