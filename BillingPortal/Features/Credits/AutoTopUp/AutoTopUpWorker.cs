using BillingPortal.Data;
using BillingPortal.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Credits.AutoTopUp;

/// <summary>
/// Runs auto top-up off the request path: the workspaces the trigger queued, and every <see cref="Interval"/> the
/// retries that fell due and the claims a crash left behind. The runner is resolved when there is work, so the app
/// starts even before a payment gateway is configured. Every instance consumes its own queue; the sweep runs only on
/// the holder of the <see cref="LeaseName"/> lease. Both are safe to overlap: the runner claims a workspace's
/// top-up with a conditional update before charging.
/// </summary>
public sealed class AutoTopUpWorker(
    IServiceProvider services,
    AutoTopUpQueue queue,
    IDbContextFactory<BillingDbContext> dbFactory,
    WorkerLeases leases,
    TimeProvider clock,
    ILogger<AutoTopUpWorker> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    /// <summary>A claim this old whose payment is still pending was abandoned (a crash or a provider error).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);
    /// <summary>The sweep's name in the worker lease table.</summary>
    public const string LeaseName = "auto-top-up";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ConsumeQueueAsync(stoppingToken), SweepPeriodicallyAsync(stoppingToken));

    /// <summary>One sweep at <paramref name="now"/>: due retries, then stale claims. Returns how many workspaces it drove.</summary>
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct = default)
    {
        var at = now.UtcDateTime;
        var staleBefore = at - StaleAfter;
        List<Guid> due;
        List<(Guid WorkspaceId, Guid PaymentId)> stale;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await db.CreditSettings.AsNoTracking()
                .Where(s => s.AutoTopUpEnabled && s.AutoTopUpPausedAt == null && s.AutoTopUpInFlightPaymentId == null
                    && s.AutoTopUpNextAttemptAt != null && s.AutoTopUpNextAttemptAt <= at)
                .Select(s => s.WorkspaceId).ToListAsync(ct);
            stale = (await db.CreditSettings.AsNoTracking()
                .Where(s => s.AutoTopUpInFlightPaymentId != null && s.AutoTopUpInFlightSince <= staleBefore)
                .Select(s => new { s.WorkspaceId, s.AutoTopUpInFlightPaymentId }).ToListAsync(ct))
                .Select(s => (s.WorkspaceId, s.AutoTopUpInFlightPaymentId!.Value)).ToList();
        }
        var runner = services.GetRequiredService<AutoTopUpRunner>();
        foreach (var workspaceId in due)
            await Guarded(workspaceId, () => runner.TopUpAsync(workspaceId, ct));
        foreach (var (workspaceId, paymentId) in stale)
            await Guarded(workspaceId, () => runner.RedriveAsync(workspaceId, paymentId, ct));
        return due.Count + stale.Count;
    }

    /// <summary>One sweep when this instance holds the sweep's lease (taking or renewing it); null when another does.</summary>
    public async Task<int?> RunIfLeaderAsync(DateTimeOffset now, CancellationToken ct = default) =>
        await leases.TryLeadAsync(LeaseName, Interval, ct) ? await RunOnceAsync(now, ct) : null;

    private async Task ConsumeQueueAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Guid workspaceId;
            try
            {
                workspaceId = await queue.ReadAsync(ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await Guarded(workspaceId, () => services.GetRequiredService<AutoTopUpRunner>().TopUpAsync(workspaceId, ct));
        }
    }

    private async Task SweepPeriodicallyAsync(CancellationToken ct)
    {
        try
        {
            while (await ClockTicks.WaitAsync(clock, Interval, ct))
            {
                try
                {
                    await RunIfLeaderAsync(clock.GetUtcNow(), ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogError(ex, "Auto top-up sweep failed");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        await leases.ReleaseOnStopAsync(LeaseName, ct);
    }

    /// <summary>One workspace's failure must not stop the others' top-ups.</summary>
    private async Task Guarded(Guid workspaceId, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogError(ex, "Auto top-up of workspace {WorkspaceId} failed", workspaceId);
        }
    }
}
