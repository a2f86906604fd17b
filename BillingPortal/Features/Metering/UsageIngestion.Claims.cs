using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Budgets;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Budgets;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Metering;

/// <summary>
/// The PostgreSQL write: no lock is taken before the receipts. Every request is priced in memory first (one with an
/// event that has no rate is refused before anything is written), then the group's ids are claimed in one statement:
/// the receipts' unique key decides which are new, and only those are kept, charged and added to runs and rollups.
/// The wallet is debited last, so its row lock is held only for the debit and the commit, and several writers (on this
/// instance and others) can work on one workspace at once. Statements take rows in one order (workspace, table, key),
/// so overlapping writers queue instead of deadlocking; a deadlock all the same fails the group, which is retried alone.
/// </summary>
public sealed partial class UsageIngestion
{
    private async Task<Outcome[]> WriteClaimingAsync(WriteScope scope, IReadOnlyList<IngestRequest> requests, CancellationToken ct)
    {
        var db = scope.Db;
        var phases = new PhaseTimer();
        var outcomes = new Outcome[requests.Count];
        var rates = await RatesAsync(db, requests, ct);
        var workspaceIds = requests.Select(r => r.WorkspaceId).Distinct().ToList();
        var subscriptions = (await db.Subscriptions.AsNoTracking().Where(s => workspaceIds.Contains(s.WorkspaceId))
                .Select(s => new { s.WorkspaceId, s.PlanCode, s.BillingAnchor, s.CurrentPeriodStart, s.CurrentPeriodEnd }).ToListAsync(ct))
            .GroupBy(s => s.WorkspaceId).ToDictionary(g => g.Key, g => g.First());
        var plans = subscriptions.ToDictionary(s => s.Key, s => s.Value.PlanCode);
        var now = clock.GetUtcNow().UtcDateTime;
        phases.Mark("read");

        var workspaces = new List<(Guid WorkspaceId, List<(int Index, PricedRequest Request)> Priced)>();
        foreach (var workspace in Enumerable.Range(0, requests.Count).GroupBy(i => requests[i].WorkspaceId).OrderBy(g => g.Key))
        {
            var workspaceId = workspace.Key;
            // Only the group's own earlier requests count as seen here: the claim below decides against the database.
            var priced = await PriceAsync(workspace, requests, new HashSet<string>(StringComparer.Ordinal), rates, plans.GetValueOrDefault(workspaceId),
                request => RecordedAsync(db, workspaceId, request, ct), outcomes);
            if (priced.Count > 0)
                workspaces.Add((workspaceId, priced));
        }
        phases.Mark("price");
        if (workspaces.Count == 0)
            return outcomes;

        // The claim and the claimed events' line items in one statement: the receipts' key decides which ids are new.
        var claimed = await PostgresUsageRows.ClaimAsync(db, workspaces.SelectMany(w => w.Priced.SelectMany(p => p.Request.Accepted.Select(e =>
                new PostgresUsageRows.Receipt(w.WorkspaceId, e.Id, requests[p.Index].PostedAt ?? now)))),
            workspaces.SelectMany(w => w.Priced.SelectMany(p => p.Request.Lines)), ct);
        foreach (var (workspaceId, priced) in workspaces)
            for (var k = 0; k < priced.Count; k++)
                priced[k] = (priced[k].Index, priced[k].Request.Keep(id => claimed.Contains((workspaceId, id))));
        phases.Mark("claim+lines");

        var (runs, runKeys, rollups) = Totals(workspaces, requests);
        // The totals ride in the round trip that locks the wallets; the debits follow in one more (CreditLedger.Postgres.cs).
        // A run that started is owed, so the debits may overdraw; authorize refuses the next run instead.
        var charging = workspaces.ToDictionary(w => w.WorkspaceId, w => (IReadOnlyList<Posting>)w.Priced.Where(p => p.Request.ChargedMicros > 0)
            .Select(p => p.Request.Posting(w.WorkspaceId, requests[p.Index].PostedAt)).ToList());
        // Budgets' spend is added after the wallets' lock, so a budget made meanwhile (under that lock) counts each line once.
        var budgetDeltas = workspaces.SelectMany(w => BudgetCounters.Deltas(w.WorkspaceId, w.Priced.SelectMany(p => p.Request.Lines),
            subscriptions.TryGetValue(w.WorkspaceId, out var s) ? new BillingWindow(s.BillingAnchor, s.CurrentPeriodStart, s.CurrentPeriodEnd) : null)).ToList();
        var debits = await ledger.DebitManyLastAsync(scope, charging, DebitMode.AllowOverdraft, PostgresUsageRows.UpsertTotals(runs, runKeys, rollups), ct,
            BudgetCounters.Upsert(budgetDeltas) is { } budgets ? [budgets] : null);
        phases.Mark("totals+debit");
        foreach (var (workspaceId, priced) in workspaces)
            await AnswerAsync(db, workspaceId, requests, priced, debits.GetValueOrDefault(workspaceId) ?? [], outcomes, ct);
        phases.Mark("answer");
        LogPhases(requests, phases);
        return outcomes;
    }

    private void LogPhases(IReadOnlyList<IngestRequest> requests, PhaseTimer phases)
    {
        if (logger?.IsEnabled(LogLevel.Debug) == true)
            logger.LogDebug("Usage group phases: requests={Requests} events={Events} {Phases}", requests.Count, requests.Sum(r => r.Events.Count), phases);
    }

    /// <summary>Which of a refused request's ids were recorded before: they are replays, skipped rather than priced.</summary>
    private static async Task<HashSet<string>> RecordedAsync(BillingDbContext db, Guid workspaceId, IngestRequest request, CancellationToken ct)
    {
        var ids = request.Events.Select(e => e.Id).Distinct().ToList();
        return (await db.UsageEventReceipts.Where(r => r.WorkspaceId == workspaceId && ids.Contains(r.EventId)).Select(r => r.EventId).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>What the kept events add to runs (a new run is credited to the request that reported it first), run keys and daily rollups.</summary>
    private static (List<PostgresUsageRows.RunDelta>, List<(Guid, string, string)>, List<PostgresUsageRows.RollupDelta>) Totals(
        List<(Guid WorkspaceId, List<(int Index, PricedRequest Request)> Priced)> workspaces, IReadOnlyList<IngestRequest> requests)
    {
        var runs = new List<PostgresUsageRows.RunDelta>();
        var runKeys = new List<(Guid, string, string)>();
        var rollups = new List<PostgresUsageRows.RollupDelta>();
        foreach (var (workspaceId, priced) in workspaces)
        {
            var lines = priced.SelectMany(p => p.Request.Lines).ToList();
            var costs = lines.GroupBy(l => l.RunId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Aggregate(0L, (sum, l) => checked(sum + l.CostMicros)), StringComparer.Ordinal);
            foreach (var run in priced.SelectMany(p => p.Request.Accepted.Select(e => (Event: e, requests[p.Index].ApiKeyId))).GroupBy(r => r.Event.RunId, StringComparer.Ordinal))
            {
                var first = run.First();
                runs.Add(new(workspaceId, run.Key, first.Event.Agent, run.Min(r => r.Event.Timestamp), run.Max(r => r.Event.Timestamp), run.Count(),
                    costs.GetValueOrDefault(run.Key), first.ApiKeyId));
            }
            runKeys.AddRange(lines.Select(l => (workspaceId, l.RunId, l.Key)).Distinct());
            rollups.AddRange(lines.GroupBy(l => (Day: l.Timestamp.Date, l.Agent, l.LineItem, l.Metric, l.Key, ApiKeyId: l.ApiKeyId ?? Guid.Empty)).Select(g =>
                new PostgresUsageRows.RollupDelta(workspaceId, g.Key.Day, g.Key.Agent, g.Key.LineItem, g.Key.Metric, g.Key.Key, g.Key.ApiKeyId,
                    g.Aggregate(0L, (sum, l) => checked(sum + l.Quantity)), g.Aggregate(0L, (sum, l) => checked(sum + l.CostMicros)), g.Count())));
        }
        return (runs, runKeys, rollups);
    }
}
