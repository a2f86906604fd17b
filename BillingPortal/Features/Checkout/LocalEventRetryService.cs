using BillingPortal.Hosting;

namespace BillingPortal.Features.Checkout;

/// <summary>
/// Completes local checkout events that a crash left unprocessed, every few seconds: the local stand-in for Stripe
/// retrying a webhook. The query is cheap (unprocessed local events only) and usually finds nothing.
/// </summary>
public sealed class LocalEventRetryService(LocalPaymentEvents events, TimeProvider clock, ILogger<LocalEventRetryService> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await ClockTicks.WaitAsync(clock, Interval, stoppingToken))
        {
            try
            {
                if (await events.DispatchPendingAsync(ct: stoppingToken) is > 0 and var count)
                    log.LogInformation("Completed {Count} local payment events left unprocessed", count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Retrying local payment events failed; trying again in {Interval}", Interval);
            }
        }
    }
}
