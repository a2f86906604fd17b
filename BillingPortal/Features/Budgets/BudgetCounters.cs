using BillingPortal.Data;
using BillingPortal.Domain.Budgets;
using BillingPortal.Domain.Usage;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BillingPortal.Features.Budgets;

/// <summary>
/// Keeps each budget's spend per period equal to the charged usage line items in its scope and period, whichever of the
/// allowance, credits or overdraft paid them. Usage ingestion adds to the counters inside its own transaction, after the
/// wallet's lock (so a budget made meanwhile, which sums usage under the same lock, counts each line exactly once).
/// Lines of periods before <see cref="Budget.CountsFrom"/> are not counted: the budget did not exist then.
/// </summary>
public static class BudgetCounters
{
    /// <summary>Starts a new (or re-scoped) budget's counter: this period's spend so far, summed from usage once.</summary>
    public static async Task StartAsync(BillingDbContext db, Budget budget, DateTime now, CancellationToken ct)
    {
        var billing = budget.Period == BudgetPeriod.BillingPeriod ? await BudgetStandings.BillingWindowAsync(db, budget.WorkspaceId, ct) : null;
        if (BudgetPeriods.Window(budget.Period, now, billing) is not var (start, end))
        {
            budget.CountsFrom = now; // no billing period yet: count from now on
            await db.SaveChangesAsync(ct);
            return;
        }
        var lines = db.UsageLineItems.Where(l => l.WorkspaceId == budget.WorkspaceId && l.Timestamp >= start && l.Timestamp < end);
        lines = budget.Scope switch
        {
            BudgetScope.Agent => lines.Where(l => l.Agent == budget.Target),
            BudgetScope.ApiKey => KeyLines(lines, Guid.Parse(budget.Target!)),
            BudgetScope.Member => lines.Where(l => l.UserId == budget.Target),
            _ => lines,
        };
        var spent = await lines.SumAsync(l => (long?)l.CostMicros, ct) ?? 0;
        budget.CountsFrom = start;
        db.BudgetSpends.Add(new BudgetSpend { BudgetId = budget.Id, PeriodStart = start, SpentMicros = spent });
        await db.SaveChangesAsync(ct);
    }

    private static IQueryable<UsageLineItem> KeyLines(IQueryable<UsageLineItem> lines, Guid keyId) => lines.Where(l => l.ApiKeyId == keyId);

    /// <summary>
    /// SQLite and SQL Server (under the wallet's lock, which the caller holds): adds one workspace's new line items to
    /// its budgets' counters through the change tracker; the caller saves. One read when the workspace has no budgets.
    /// </summary>
    public static async Task AddAsync(BillingDbContext db, Guid workspaceId, IReadOnlyList<UsageLineItem> lines, CancellationToken ct)
    {
        if (!lines.Any(l => l.CostMicros != 0))
            return;
        var budgets = await db.Budgets.AsNoTracking().Where(b => b.WorkspaceId == workspaceId).ToListAsync(ct);
        if (budgets.Count == 0)
            return;
        var billing = budgets.Any(b => b.Period == BudgetPeriod.BillingPeriod) ? await BudgetStandings.BillingWindowAsync(db, workspaceId, ct) : null;
        var deltas = new Dictionary<(Guid BudgetId, DateTime Start), long>();
        foreach (var line in lines.Where(l => l.CostMicros != 0))
            foreach (var budget in budgets)
                if (BudgetRules.Covers(budget, line.Agent, line.ApiKeyId, line.UserId)
                    && BudgetPeriods.Start(budget.Period, line.Timestamp, billing) is { } start && start >= budget.CountsFrom)
                    deltas[(budget.Id, start)] = checked(deltas.GetValueOrDefault((budget.Id, start)) + line.CostMicros);
        if (deltas.Count == 0)
            return;
        var ids = deltas.Keys.Select(k => k.BudgetId).Distinct().ToList();
        var starts = deltas.Keys.Select(k => k.Start).Distinct().ToList();
        var rows = (await db.BudgetSpends.Where(s => ids.Contains(s.BudgetId) && starts.Contains(s.PeriodStart)).ToListAsync(ct))
            .ToDictionary(s => (s.BudgetId, s.PeriodStart));
        foreach (var (key, micros) in deltas)
        {
            if (!rows.TryGetValue(key, out var row))
                db.BudgetSpends.Add(row = new BudgetSpend { BudgetId = key.BudgetId, PeriodStart = key.Start });
            row.SpentMicros = checked(row.SpentMicros + micros);
        }
    }

    /// <summary>One group's charged spend by the fields a budget can be scoped and periodised by, for <see cref="Upsert"/>.</summary>
    public readonly record struct Delta(Guid WorkspaceId, string Agent, Guid? ApiKeyId, string? UserId, DateTime Day, DateTime Week, DateTime Month, DateTime? BillingPeriod, long CostMicros);

    /// <summary>Sums charged lines into deltas; the periods are worked out here, by <see cref="BudgetPeriods"/>, so SQL only picks one.</summary>
    public static List<Delta> Deltas(Guid workspaceId, IEnumerable<UsageLineItem> lines, BillingWindow? billing) =>
        lines.Where(l => l.CostMicros != 0)
            .GroupBy(l => (l.Agent, l.ApiKeyId, l.UserId, Day: l.Timestamp.Date, Billing: BudgetPeriods.Start(BudgetPeriod.BillingPeriod, l.Timestamp, billing)))
            .Select(g => new Delta(workspaceId, g.Key.Agent, g.Key.ApiKeyId, g.Key.UserId,
                BudgetPeriods.Start(BudgetPeriod.Day, g.Key.Day, null)!.Value, BudgetPeriods.Start(BudgetPeriod.Week, g.Key.Day, null)!.Value,
                BudgetPeriods.Start(BudgetPeriod.Month, g.Key.Day, null)!.Value, g.Key.Billing, g.Aggregate(0L, (sum, l) => checked(sum + l.CostMicros))))
            .ToList();

    /// <summary>
    /// PostgreSQL: one statement that adds the deltas to every budget covering them, in the period each budget counts by.
    /// It must run after the wallets' lock (it joins the budgets as committed then). Budgets are locked in id order.
    /// </summary>
    public static NpgsqlBatchCommand? Upsert(IReadOnlyList<Delta> deltas)
    {
        if (deltas.Count == 0)
            return null;
        var command = new NpgsqlBatchCommand("""
            INSERT INTO "BudgetSpends" ("BudgetId", "PeriodStart", "SpentMicros")
            SELECT b."Id", p.start, sum(d.cost)
            FROM unnest($1::uuid[], $2::varchar[], $3::uuid[], $4::varchar[], $5::timestamptz[], $6::timestamptz[], $7::timestamptz[], $8::timestamptz[], $9::bigint[])
                AS d(ws, agent, api, user_id, day, week, month, billing, cost)
            JOIN "Budgets" AS b ON b."WorkspaceId" = d.ws AND (b."Scope" = 0 OR (b."Scope" = 1 AND b."Target" = d.agent)
                OR (b."Scope" = 2 AND b."Target" = d.api::text) OR (b."Scope" = 3 AND b."Target" = d.user_id))
            CROSS JOIN LATERAL (SELECT CASE b."Period" WHEN 0 THEN d.day WHEN 1 THEN d.week WHEN 2 THEN d.month ELSE d.billing END AS start) AS p
            WHERE p.start IS NOT NULL AND p.start >= b."CountsFrom"
            GROUP BY b."Id", p.start
            ORDER BY b."Id", p.start
            ON CONFLICT ("BudgetId", "PeriodStart") DO UPDATE SET "SpentMicros" = "BudgetSpends"."SpentMicros" + EXCLUDED."SpentMicros"
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.WorkspaceId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.Agent).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.ApiKeyId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.UserId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.Day).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.Week).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.Month).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.BillingPeriod).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = deltas.Select(d => d.CostMicros).ToArray() });
        return command;
    }
}
