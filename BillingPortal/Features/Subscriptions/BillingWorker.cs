using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BillingPortal.Features.Subscriptions;

/// <summary><c>Billing:Worker:Enabled</c> (default true) and <c>Billing:WorkerInterval</c> (default one minute).</summary>
public sealed class BillingWorkerOptions
{
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>What one pass of the worker did.</summary>
public sealed record BillingPass(int PeriodsClosed, int TrialsConverted, int Failed, int InvoicesCollected);

/// <summary>
/// Rolls every due subscription over, on start (catching up after downtime) and then every interval: each workspace
/// step by step until nothing is due, then the invoice collector. Of several app instances, only the holder of the
/// <see cref="LeaseName"/> lease runs it (<see cref="WorkerLeases"/>); the steps are idempotent besides, so two
/// instances running this at once would still bill each period once.
/// </summary>
public sealed class BillingWorker(
    IServiceProvider services,
    BillingPeriodService periods,
    IDbContextFactory<BillingDbContext> dbFactory,
    IOptions<BillingWorkerOptions> options,
    WorkerLeases leases,
    TimeProvider clock,
    ILogger<BillingWorker> log) : BackgroundService
{
    /// <summary>A bound on one workspace's catch-up in one pass (about eight years of months); the next pass goes on.</summary>
    private const int MaxStepsPerWorkspace = 100;

    /// <summary>The job's name in the worker lease table.</summary>
    public const string LeaseName = "billing";

    /// <summary>One pass when this instance holds the billing lease (taking or renewing it); null when another does.</summary>
    public async Task<BillingPass?> RunIfLeaderAsync(CancellationToken ct = default) =>
        await leases.TryLeadAsync(LeaseName, options.Value.Interval, ct) ? await RunOnceAsync(ct) : null;

    /// <summary>One pass at the clock's now. Tests call this directly; the hosted loop calls it on its timer.</summary>
    public async Task<BillingPass> RunOnceAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var noticeBefore = now + BillingTerms.TrialEndingNotice;
        List<Guid> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            due = await db.Subscriptions.AsNoTracking()
                .Where(s => s.CurrentPeriodEnd <= now
                    || (s.Status == SubscriptionStatus.Trial && s.TrialEndsAt != null && s.TrialEndsAt <= noticeBefore))
                .OrderBy(s => s.WorkspaceId)
                .Select(s => s.WorkspaceId).ToListAsync(ct);
        }

        int closed = 0, converted = 0, failed = 0;
        foreach (var workspaceId in due)
        {
            try
            {
                for (var step = 0; step < MaxStepsPerWorkspace; step++)
                {
                    var result = await periods.RollOverAsync(workspaceId, ct);
                    if (result.Outcome == RolloverOutcome.PeriodClosed) closed++;
                    if (result.Outcome == RolloverOutcome.TrialConverted) converted++;
                    if (!result.MadeProgress) break;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One workspace's failure must not hold up everyone else's billing; the next pass retries it.
                failed++;
                log.LogError(ex, "Billing period step of workspace {WorkspaceId} failed", workspaceId);
            }
        }
        // Resolved here so the worker starts even when collection needs services a host has not configured.
        var collected = await services.GetRequiredService<InvoiceCollector>().RunDueAsync(ct);
        if (closed + converted + failed > 0)
            log.LogInformation("Billing pass: {Closed} periods closed, {Converted} trials converted, {Failed} failed, {Collected} invoices collected",
                closed, converted, failed, collected);
        return new BillingPass(closed, converted, failed, collected);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            log.LogInformation("The billing worker is disabled (Billing:Worker:Enabled = false)");
            return;
        }
        try
        {
            do
            {
                try
                {
                    await RunIfLeaderAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogError(ex, "Billing pass failed; trying again in {Interval}", options.Value.Interval);
                }
            }
            while (await ClockTicks.WaitAsync(clock, options.Value.Interval, stoppingToken));
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        if (options.Value.Enabled)
            await leases.ReleaseOnStopAsync(LeaseName, ct);
    }
}
