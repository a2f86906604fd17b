using BillingPortal.Data;
using BillingPortal.Domain.Budgets;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Budgets;

/// <summary>A hold that still counts: what is left of it after its run's usage so far.</summary>
public readonly record struct ActiveHold(string Agent, Guid? ApiKeyId, string? UserId, long RemainingMicros);

/// <summary>
/// Reads budgets as they stand now: each one's spend this period from its counter row (never a scan of usage) and the
/// holds of unfinished runs in its scope. Shared by authorize, the Budgets page, the API and the alerts.
/// </summary>
public static class BudgetStandings
{
    /// <summary>The workspace's billing cycle, or null without a subscription (billing-period budgets then count nothing).</summary>
    public static async Task<BillingWindow?> BillingWindowAsync(BillingDbContext db, Guid workspaceId, CancellationToken ct)
    {
        var cycle = await db.Subscriptions.AsNoTracking().Where(s => s.WorkspaceId == workspaceId)
            .Select(s => new { s.BillingAnchor, s.CurrentPeriodStart, s.CurrentPeriodEnd }).FirstOrDefaultAsync(ct);
        return cycle is null ? null : new BillingWindow(cycle.BillingAnchor, cycle.CurrentPeriodStart, cycle.CurrentPeriodEnd);
    }

    /// <summary>
    /// Holds not yet completed or expired at <paramref name="now"/>, each less what its run's usage has already charged
    /// (that usage is in the wallet and the budgets' spend now, so counting it twice would refuse too early).
    /// </summary>
    public static async Task<List<ActiveHold>> ActiveHoldsAsync(BillingDbContext db, Guid workspaceId, DateTime now, CancellationToken ct)
    {
        var holds = await (
            from h in db.RunHolds.AsNoTracking()
            where h.WorkspaceId == workspaceId && h.ReleasedAt == null && h.ExpiresAt > now
            join r in db.UsageRuns on new { h.WorkspaceId, h.RunId } equals new { r.WorkspaceId, r.RunId } into runs
            from r in runs.DefaultIfEmpty()
            select new { h.Agent, h.ApiKeyId, h.UserId, h.AmountMicros, Used = (long?)r.CostMicros }).ToListAsync(ct);
        return holds.Select(h => new ActiveHold(h.Agent, h.ApiKeyId, h.UserId, Math.Max(0, h.AmountMicros - Math.Max(0, h.Used ?? 0))))
            .Where(h => h.RemainingMicros > 0).ToList();
    }

    /// <summary>
    /// The workspace's budgets as they stand at <paramref name="now"/>, in the order they were made: only those covering
    /// <paramref name="run"/> when one is given. One query: each budget with its counter for the period holding now.
    /// </summary>
    public static async Task<List<BudgetStanding>> ReadAsync(BillingDbContext db, Guid workspaceId, DateTime now, IReadOnlyList<ActiveHold> holds, CancellationToken ct,
        KnownBilling? known = null, RunScope? run = null)
    {
        var billing = known is { } k ? k.Window : await BillingWindowAsync(db, workspaceId, ct);
        var day = BudgetPeriods.Start(BudgetPeriod.Day, now, null)!.Value;
        var week = BudgetPeriods.Start(BudgetPeriod.Week, now, null)!.Value;
        var month = BudgetPeriods.Start(BudgetPeriod.Month, now, null)!.Value;
        // Without a subscription a billing-period budget has no period: a start no counter has.
        var billingStart = BudgetPeriods.Start(BudgetPeriod.BillingPeriod, now, billing) ?? DateTime.MinValue;
        var budgets = db.Budgets.AsNoTracking().Where(b => b.WorkspaceId == workspaceId);
        if (run is { } r)
        {
            var key = r.ApiKeyId is { } id ? BudgetRules.ApiKeyTarget(id) : null;
            budgets = budgets.Where(b => b.Scope == BudgetScope.Workspace || (b.Scope == BudgetScope.Agent && b.Target == r.Agent)
                || (b.Scope == BudgetScope.ApiKey && b.Target == key) || (b.Scope == BudgetScope.Member && b.Target == r.UserId));
        }
        var rows = await budgets.OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).Select(b => new
        {
            Budget = b,
            Spent = db.BudgetSpends.Where(s => s.BudgetId == b.Id && s.PeriodStart == (b.Period == BudgetPeriod.Day ? day
                : b.Period == BudgetPeriod.Week ? week : b.Period == BudgetPeriod.Month ? month : billingStart)).Select(s => (long?)s.SpentMicros).FirstOrDefault(),
        }).ToListAsync(ct);
        var standings = new List<BudgetStanding>(rows.Count);
        foreach (var row in rows)
        {
            var (start, end) = BudgetPeriods.Window(row.Budget.Period, now, billing) ?? (now, now);
            var held = holds.Where(h => BudgetRules.Covers(row.Budget, h.Agent, h.ApiKeyId, h.UserId)).Aggregate(0L, (sum, h) => sum + h.RemainingMicros);
            standings.Add(new BudgetStanding(row.Budget, start, end, row.Spent ?? 0, held));
        }
        return standings;
    }
}

/// <summary>The billing cycle when the caller has read it already (its window null: the workspace has no subscription).</summary>
public readonly record struct KnownBilling(BillingWindow? Window);

/// <summary>Who a run is for: the budgets that cover it are the workspace's, its agent's, its API key's and its user's.</summary>
public readonly record struct RunScope(string Agent, Guid? ApiKeyId, string? UserId);
