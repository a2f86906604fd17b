namespace BillingPortal.Features.Subscriptions;

public static class SubscriptionsHosting
{
    /// <summary>
    /// Billing periods: the service that rolls a subscription over and the worker that drives it
    /// (<c>Billing:Worker:Enabled</c>, <c>Billing:WorkerInterval</c>).
    /// </summary>
    public static IServiceCollection AddBillingPeriods(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BillingWorkerOptions>().Configure(o =>
        {
            o.Enabled = configuration.GetValue("Billing:Worker:Enabled", o.Enabled);
            o.Interval = configuration.GetValue("Billing:WorkerInterval", o.Interval);
            if (o.Interval <= TimeSpan.Zero)
                throw new InvalidOperationException($"Billing:WorkerInterval must be positive; it is {o.Interval}.");
        });
        services.AddSingleton<BillingPeriodService>();
        services.AddSingleton<BillingWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<BillingWorker>());
        return services;
    }
}
