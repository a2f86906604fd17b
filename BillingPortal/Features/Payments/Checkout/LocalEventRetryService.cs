using BillingPortal.Hosting;

namespace BillingPortal.Features.Payments.Checkout;

/// <summary>
/// Completes local checkout events that a crash left unprocessed, every few seconds: the local stand-in for Stripe
/// retrying a webhook. The query is cheap (unprocessed local events only) and usually finds nothing. Of several app
/// instances, only the holder of the <see cref="LeaseName"/> lease runs it; fulfilment is idempotent per payment
/// (one ledger key), so two instances dispatching the same event at once would still credit it once.
/// </summary>
public sealed class LocalEventRetryService(LocalPaymentEvents events, WorkerLeases leases, TimeProvider clock, ILogger<LocalEventRetryService> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    /// <summary>The job's name in the worker lease table.</summary>
    public const string LeaseName = "local-payment-events";

    /// <summary>Dispatches the pending events when this instance holds the lease; null when another instance does.</summary>
    public async Task<int?> RunIfLeaderAsync(CancellationToken ct = default) =>
        await leases.TryLeadAsync(LeaseName, Interval, ct) ? await events.DispatchPendingAsync(ct: ct) : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await ClockTicks.WaitAsync(clock, Interval, stoppingToken))
        {
            try
            {
                if (await RunIfLeaderAsync(stoppingToken) is > 0 and var count)
                    log.LogInformation("Completed {Count} local payment events left unprocessed", count);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Retrying local payment events failed; trying again in {Interval}", Interval);
            }
        }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        await leases.ReleaseOnStopAsync(LeaseName, ct);
    }
}
