using BillingPortal.Data;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Spikes;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.Usage;
using BillingPortal.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.SpendAlerts;

/// <summary>
/// Spend spike alerts: every <see cref="SpikeAlertOptions.SpikeInterval"/>, the holder of the <see cref="LeaseName"/>
/// lease compares each agent's spend today (UTC) and each workspace's total with their last
/// <see cref="SpikeRule.HistoryDays"/> days (<see cref="SpikeRule"/>) and tells Owners and Admins of each spike.
/// Off the ingestion path: it reads the daily rollups, never the line items, a few minutes late at worst.
/// </summary>
/// <remarks>
/// Once per agent (and per workspace total) per UTC day: the notifier's unique dedupe key (<see cref="SpikeText"/>)
/// stores one notice per person however often, and on however many instances, the sweep finds the spike. A spike
/// found again costs the notifier's two small reads (it finds its rows and sends nothing); no memory of what was sent
/// is kept here, so a notice the notifier failed to store is simply tried again at the next sweep.
/// Each workspace costs one index seek on (workspace, today); only a workspace whose total today is past the floor
/// reads its 14 days of history.
/// </remarks>
public sealed class SpikeAlertWorker(
    IDbContextFactory<BillingDbContext> dbFactory,
    INotifier notifier,
    SpikeAlertOptions options,
    WorkerLeases leases,
    TimeProvider clock,
    ILogger<SpikeAlertWorker> log) : BackgroundService
{
    /// <summary>The job's name in the worker lease table.</summary>
    public const string LeaseName = "spend-spikes";

    /// <summary>Notification links are stored in at most this many characters (the Notifications table's column).</summary>
    private const int MaxLinkLength = 300;

    private readonly SpikeRule rule = options.Rule;

    /// <summary>One sweep when this instance holds the lease (taking or renewing it); null when another does.</summary>
    public async Task<int?> RunIfLeaderAsync(CancellationToken ct = default) =>
        await leases.TryLeadAsync(LeaseName, options.SpikeInterval, ct) ? await RunOnceAsync(ct) : null;

    /// <summary>One sweep at the clock's now; returns how many spikes it found (notified now or before).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        List<(Guid Id, string Name)> workspaces;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            workspaces = (await db.Workspaces.AsNoTracking().OrderBy(w => w.Id).Select(w => new { w.Id, w.Name }).ToListAsync(ct))
                .Select(w => (w.Id, w.Name)).ToList();
        var found = 0;
        foreach (var (id, name) in workspaces)
        {
            try
            {
                found += await CheckAsync(id, name, today, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One workspace's failure must not silence everyone else's alerts; the next sweep tries it again.
                log.LogError(ex, "Spend spike check of workspace {WorkspaceId} failed", id);
            }
        }
        return found;
    }

    /// <summary>Checks one workspace's agents and total for <paramref name="today"/>; returns the spikes found.</summary>
    public async Task<int> CheckAsync(Guid workspaceId, string workspaceName, DateOnly today, CancellationToken ct = default)
    {
        var day = today.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var from = day.AddDays(-SpikeRule.HistoryDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rollups = db.UsageDailyRollups.AsNoTracking().Where(r => r.WorkspaceId == workspaceId);
        var todayByAgent = (await rollups.Where(r => r.Day == day)
                .GroupBy(r => r.Agent).Select(g => new { Agent = g.Key, Cost = g.Sum(r => r.CostMicros) }).ToListAsync(ct))
            .ToDictionary(a => a.Agent, a => Math.Max(a.Cost, 0), StringComparer.Ordinal);
        var total = todayByAgent.Values.Sum();
        // No agent passes the floor when the whole workspace has not: the usual case ends here, before any history is read.
        if (total <= rule.FloorMicros)
            return 0;

        var history = await rollups.Where(r => r.Day >= from && r.Day < day)
            .GroupBy(r => new { r.Agent, r.Day }).Select(g => new { g.Key.Agent, g.Key.Day, Cost = g.Sum(r => r.CostMicros) })
            .ToListAsync(ct);
        long[] Days(IEnumerable<(DateTime Day, long Cost)> rows)
        {
            var days = new long[SpikeRule.HistoryDays];
            foreach (var (d, cost) in rows)
                days[(d - from).Days] += Math.Max(cost, 0);
            return days;
        }

        var found = 0;
        foreach (var (agent, spent) in todayByAgent.Where(a => a.Value > rule.FloorMicros).OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (rule.Check(spent, Days(history.Where(h => h.Agent == agent).Select(h => (h.Day, h.Cost)))) is not { } spike)
                continue;
            found++;
            await notifier.NotifyBillingManagersAsync(new NotificationRequest(workspaceId, NotificationTypes.SpendSpikeAgent, SpikeText.AgentKey(agent, today),
                SpikeText.AgentTitle(agent, spike), SpikeText.AgentMessage(agent, today, spike), Link(today, agent)), ct);
        }
        if (rule.Check(total, Days(history.Select(h => (h.Day, h.Cost)))) is { } totalSpike)
        {
            found++;
            await notifier.NotifyBillingManagersAsync(new NotificationRequest(workspaceId, NotificationTypes.SpendSpikeWorkspace, SpikeText.WorkspaceKey(today),
                SpikeText.WorkspaceTitle(totalSpike), SpikeText.WorkspaceMessage(workspaceName, today, totalSpike), Link(today, null)), ct);
        }
        return found;
    }

    /// <summary>
    /// The Usage page narrowed to that day (a one-day custom range, so the link means the same day tomorrow) and that
    /// agent; an agent whose escaped name would not fit the stored link gets the day's page without the agent.
    /// </summary>
    internal static string Link(DateOnly day, string? agent)
    {
        var view = new UsageView(UsagePreset.Custom, day, day, day, agent);
        var url = UsageLink.ToUrl(view);
        return url.Length <= MaxLinkLength ? url : UsageLink.ToUrl(view with { Agent = null });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            log.LogInformation("Spend spike alerts are off ({Section}:Enabled = false)", SpikeAlertOptions.Section);
            return;
        }
        try
        {
            while (await ClockTicks.WaitAsync(clock, options.SpikeInterval, stoppingToken))
            {
                try
                {
                    await RunIfLeaderAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    log.LogError(ex, "Spend spike sweep failed; trying again in {Interval}", options.SpikeInterval);
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
        if (options.Enabled)
            await leases.ReleaseOnStopAsync(LeaseName, ct);
    }
}
