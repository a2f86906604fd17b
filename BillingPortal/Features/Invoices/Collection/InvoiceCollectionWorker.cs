namespace BillingPortal.Features.Invoices.Collection;

/// <summary>
/// Runs <see cref="InvoiceCollector.RunDueAsync"/> every <see cref="Interval"/> (on the app's clock, so tests that move
/// time drive it): due charge attempts, invoices turning past due, past-due workspaces turning paused. After downtime
/// the first pass catches up, because every rule compares stored dates with now.
/// </summary>
public sealed class InvoiceCollectionWorker(InvoiceCollector collector, TimeProvider clock, ILogger<InvoiceCollectionWorker> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await collector.RunDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogError(ex, "Invoice collection pass failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }
}
