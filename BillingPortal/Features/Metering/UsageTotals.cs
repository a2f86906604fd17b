using BillingPortal.Data;
using BillingPortal.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Metering;

/// <summary>Keeps runs and daily rollups equal to the sums of their line items, inside the ingestion's transaction.</summary>
internal static class UsageTotals
{
    /// <summary>A new run is credited to the API key of the request that reported it first.</summary>
    public static async Task UpsertRunsAsync(BillingDbContext db, Guid workspaceId, List<(UsageEvent Event, Guid? ApiKeyId)> reported, List<UsageLineItem> lines, CancellationToken ct)
    {
        var runIds = reported.Select(r => r.Event.RunId).Distinct().ToList();
        var runs = await db.UsageRuns.Where(r => r.WorkspaceId == workspaceId && runIds.Contains(r.RunId)).ToDictionaryAsync(r => r.RunId, StringComparer.Ordinal, ct);
        var costs = lines.GroupBy(l => l.RunId).ToDictionary(g => g.Key, g => g.Sum(l => l.CostMicros), StringComparer.Ordinal);
        foreach (var group in reported.GroupBy(r => r.Event.RunId))
        {
            var first = group.Min(r => r.Event.Timestamp);
            var last = group.Max(r => r.Event.Timestamp);
            if (!runs.TryGetValue(group.Key, out var run))
            {
                run = new UsageRun { WorkspaceId = workspaceId, RunId = group.Key, Agent = group.First().Event.Agent, FirstAt = first, LastAt = last, ApiKeyId = group.First().ApiKeyId };
                db.UsageRuns.Add(run);
            }
            run.FirstAt = first < run.FirstAt ? first : run.FirstAt;
            run.LastAt = last > run.LastAt ? last : run.LastAt;
            run.Events += group.Count();
            run.CostMicros = checked(run.CostMicros + costs.GetValueOrDefault(group.Key));
        }
        await UpsertRunKeysAsync(db, workspaceId, runs, runIds, lines, ct);
    }

    /// <summary>Records each (run, model or integration) pair once, with the run's start as it now stands.</summary>
    private static async Task UpsertRunKeysAsync(BillingDbContext db, Guid workspaceId, Dictionary<string, UsageRun> loaded, List<string> runIds, List<UsageLineItem> lines, CancellationToken ct)
    {
        var runs = db.ChangeTracker.Entries<UsageRun>().Select(e => e.Entity).Where(r => r.WorkspaceId == workspaceId)
            .ToDictionary(r => r.RunId, StringComparer.Ordinal);
        var known = loaded.Count == 0
            ? []
            : await db.UsageRunKeys.Where(k => k.WorkspaceId == workspaceId && runIds.Contains(k.RunId)).ToListAsync(ct);
        var seen = known.Select(k => (k.RunId, k.Key)).ToHashSet();
        foreach (var key in known)
            if (runs.TryGetValue(key.RunId, out var run) && key.FirstAt != run.FirstAt)
                key.FirstAt = run.FirstAt;
        foreach (var (runId, key) in lines.Select(l => (l.RunId, l.Key)).Distinct())
            if (seen.Add((runId, key)))
                db.UsageRunKeys.Add(new UsageRunKey { WorkspaceId = workspaceId, RunId = runId, Key = key, FirstAt = runs[runId].FirstAt });
    }

    private readonly record struct RollupKey(DateTime Day, string Agent, LineItemKind LineItem, UsageMetric Metric, string Key, Guid ApiKeyId);

    public static async Task UpsertRollupsAsync(BillingDbContext db, Guid workspaceId, List<UsageLineItem> lines, CancellationToken ct)
    {
        var groups = lines.GroupBy(l => new RollupKey(l.Timestamp.Date, l.Agent, l.LineItem, l.Metric, l.Key, l.ApiKeyId ?? Guid.Empty)).ToList();
        if (groups.Count == 0)
            return;
        var days = groups.Select(g => g.Key.Day).Distinct().ToList();
        var agents = groups.Select(g => g.Key.Agent).Distinct().ToList();
        var existing = (await db.UsageDailyRollups
                .Where(r => r.WorkspaceId == workspaceId && days.Contains(r.Day) && agents.Contains(r.Agent))
                .ToListAsync(ct))
            .ToDictionary(r => new RollupKey(r.Day, r.Agent, r.LineItem, r.Metric, r.Key, r.ApiKeyId));
        foreach (var group in groups)
        {
            if (!existing.TryGetValue(group.Key, out var rollup))
            {
                var k = group.Key;
                rollup = new UsageDailyRollup { WorkspaceId = workspaceId, Day = k.Day, Agent = k.Agent, LineItem = k.LineItem, Metric = k.Metric, Key = k.Key, ApiKeyId = k.ApiKeyId };
                db.UsageDailyRollups.Add(rollup);
            }
            rollup.Quantity = checked(rollup.Quantity + group.Sum(l => l.Quantity));
            rollup.CostMicros = checked(rollup.CostMicros + group.Sum(l => l.CostMicros));
            rollup.LineItems += group.Count();
        }
    }
}
