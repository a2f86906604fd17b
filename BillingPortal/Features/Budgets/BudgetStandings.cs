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

    /// <summary>Every budget of the workspace as it stands at <paramref name="now"/>, in the order they were made.</summary>
    public static async Task<List<BudgetStanding>> ReadAsync(BillingDbContext db, Guid workspaceId, DateTime now, IReadOnlyList<ActiveHold> holds, CancellationToken ct)
    {
        var budgets = await db.Budgets.AsNoTracking().Where(b => b.WorkspaceId == workspaceId).OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).ToListAsync(ct);
        if (budgets.Count == 0)
            return [];
        var billing = budgets.Any(b => b.Period == BudgetPeriod.BillingPeriod) ? await BillingWindowAsync(db, workspaceId, ct) : null;
        var windows = budgets.ToDictionary(b => b.Id, b => BudgetPeriods.Window(b.Period, now, billing));
        var ids = budgets.Select(b => b.Id).ToList();
        var starts = windows.Values.Where(w => w is not null).Select(w => w!.Value.Start).Distinct().ToList();
        var spends = (await db.BudgetSpends.AsNoTracking().Where(s => ids.Contains(s.BudgetId) && starts.Contains(s.PeriodStart)).ToListAsync(ct))
            .ToDictionary(s => (s.BudgetId, s.PeriodStart), s => s.SpentMicros);
        var standings = new List<BudgetStanding>(budgets.Count);
        foreach (var budget in budgets)
        {
            // A billing-period budget of a workspace without a subscription has no period: it stands at zero until one starts.
            var (start, end) = windows[budget.Id] ?? (now, now);
            var held = holds.Where(h => BudgetRules.Covers(budget, h.Agent, h.ApiKeyId, h.UserId)).Aggregate(0L, (sum, h) => sum + h.RemainingMicros);
            standings.Add(new BudgetStanding(budget, start, end, spends.GetValueOrDefault((budget.Id, start)), held));
        }
        return standings;
    }
}
