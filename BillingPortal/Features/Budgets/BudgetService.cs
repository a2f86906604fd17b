using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Domain.Budgets;
using BillingPortal.Features.Activity;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Budgets;

/// <summary>A budget and where it stands this period: what the page, the API, the CLI and the MCP server show.</summary>
public sealed record BudgetView(Guid Id, BudgetScope Scope, string? Target, BudgetPeriod Period, long LimitMicros, BudgetAction Action,
    IReadOnlyList<int> Thresholds, long SpentMicros, long HeldMicros, DateTime PeriodStart, DateTime ResetsAt)
{
    public static BudgetView From(BudgetStanding s) => new(s.Budget.Id, s.Budget.Scope, s.Budget.Target, s.Budget.Period, s.Budget.LimitMicros,
        s.Budget.Action, s.Budget.ThresholdPercents, s.SpentMicros, s.HeldMicros, s.PeriodStart, s.ResetsAt);
}

/// <summary>What a change came to: the budget, or errors by field, or not found (another workspace's id is not found too).</summary>
public sealed record BudgetChange(BudgetView? Budget, Dictionary<string, string[]>? Errors, bool NotFound = false)
{
    public static BudgetChange Refused(string field, string message) => new(null, new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>
/// Makes, changes and deletes a workspace's budgets. Callers decide who may (Owners and Admins; the API's billing:manage).
/// A new budget, or one whose scope or period changed, starts counting with this period's spend summed from usage once,
/// under the wallet's lock, so a usage debit committing meanwhile is counted exactly once (by the sum or by the counter).
/// </summary>
public sealed class BudgetService(IDbContextFactory<BillingDbContext> dbFactory, BillingWrites writes, AuditTrail trail, IAuditContext audit, TimeProvider clock,
    BudgetAlerts? alerts = null)
{
    public async Task<IReadOnlyList<BudgetView>> ListAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var holds = await BudgetStandings.ActiveHoldsAsync(db, workspaceId, now, ct);
        return (await BudgetStandings.ReadAsync(db, workspaceId, now, holds, ct)).Select(BudgetView.From).ToList();
    }

    public async Task<BudgetView?> GetAsync(Guid workspaceId, Guid id, CancellationToken ct = default) =>
        (await ListAsync(workspaceId, ct)).FirstOrDefault(b => b.Id == id);

    public async Task<BudgetChange> CreateAsync(Guid workspaceId, BudgetDraft draft, CancellationToken ct = default)
    {
        var (valid, refusal) = await CheckAsync(workspaceId, draft, ct);
        if (valid is null)
            return refusal!;
        var by = await audit.ActorAsync(ct);
        var id = Guid.CreateVersion7();
        var refused = await writes.RunAsync(async (scope, ct) =>
        {
            var db = scope.Db;
            await scope.LockAsync<Wallet>(w => w.WorkspaceId, workspaceId, ct);
            if (await db.Budgets.CountAsync(b => b.WorkspaceId == workspaceId, ct) >= BudgetRules.MaxBudgetsPerWorkspace)
                return $"A workspace can have at most {BudgetRules.MaxBudgetsPerWorkspace} budgets; delete one first.";
            var now = clock.GetUtcNow().UtcDateTime;
            var budget = new Budget { Id = id, WorkspaceId = workspaceId, CreatedAt = now, UpdatedAt = now };
            Apply(budget, valid);
            db.Budgets.Add(budget);
            await db.SaveChangesAsync(ct);
            await BudgetCounters.StartAsync(db, budget, now, ct);
            trail.RecordWithin(scope, by, new AuditChange(workspaceId, AuditActions.BudgetCreated, id.ToString(), Label(budget), null, Fields(budget)));
            return null;
        }, ct);
        if (refused is not null)
            return BudgetChange.Refused("budget", refused);
        alerts?.Forget(workspaceId);
        return new BudgetChange(await GetAsync(workspaceId, id, ct), null);
    }

    public async Task<BudgetChange> UpdateAsync(Guid workspaceId, Guid id, BudgetDraft draft, CancellationToken ct = default)
    {
        var (valid, refusal) = await CheckAsync(workspaceId, draft, ct);
        if (valid is null)
            return refusal!;
        var by = await audit.ActorAsync(ct);
        var found = await writes.RunAsync(async (scope, ct) =>
        {
            var db = scope.Db;
            await scope.LockAsync<Wallet>(w => w.WorkspaceId, workspaceId, ct);
            var budget = await db.Budgets.SingleOrDefaultAsync(b => b.Id == id && b.WorkspaceId == workspaceId, ct);
            if (budget is null)
                return false;
            var before = Fields(budget);
            var recount = budget.Scope != valid.Scope || budget.Target != valid.Target || budget.Period != valid.Period;
            var now = clock.GetUtcNow().UtcDateTime;
            Apply(budget, valid);
            budget.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            if (recount)
            {
                // Counted over something else now: the old counters describe another scope or period.
                await db.BudgetSpends.Where(s => s.BudgetId == id).ExecuteDeleteAsync(ct);
                await BudgetCounters.StartAsync(db, budget, now, ct);
            }
            trail.RecordWithin(scope, by, new AuditChange(workspaceId, AuditActions.BudgetUpdated, id.ToString(), Label(budget), before, Fields(budget)));
            return true;
        }, ct);
        return found ? new BudgetChange(await GetAsync(workspaceId, id, ct), null) : new BudgetChange(null, null, NotFound: true);
    }

    /// <summary>False when there is no such budget in this workspace.</summary>
    public async Task<bool> DeleteAsync(Guid workspaceId, Guid id, CancellationToken ct = default)
    {
        var by = await audit.ActorAsync(ct);
        return await writes.RunAsync(async (scope, ct) =>
        {
            var db = scope.Db;
            var budget = await db.Budgets.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id && b.WorkspaceId == workspaceId, ct);
            if (budget is null)
                return false;
            await db.BudgetSpends.Where(s => s.BudgetId == id).ExecuteDeleteAsync(ct);
            if (await db.Budgets.Where(b => b.Id == id).ExecuteDeleteAsync(ct) == 0)
                return false; // a concurrent delete won; it records the deletion
            trail.RecordWithin(scope, by, new AuditChange(workspaceId, AuditActions.BudgetDeleted, id.ToString(), Label(budget), Fields(budget), null));
            return true;
        }, ct);
    }

    /// <summary>The draft as a valid budget, or the change that refuses it (errors by field).</summary>
    private async Task<(ValidBudget? Budget, BudgetChange? Refusal)> CheckAsync(Guid workspaceId, BudgetDraft draft, CancellationToken ct)
    {
        var (valid, errors) = BudgetDrafts.Validate(draft);
        if (valid is null)
            return (null, new BudgetChange(null, errors));
        return await TargetErrorAsync(workspaceId, valid, ct) is { } targetError ? (null, BudgetChange.Refused("target", targetError)) : (valid, null);
    }

    /// <summary>An API key or member must belong to this workspace: an id from elsewhere is refused, never counted.</summary>
    private async Task<string?> TargetErrorAsync(Guid workspaceId, ValidBudget budget, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var target = budget.Target;
        if (budget.Scope == BudgetScope.ApiKey)
        {
            var keyId = Guid.Parse(target!);
            return await db.ApiKeys.AnyAsync(k => k.WorkspaceId == workspaceId && k.Id == keyId, ct) ? null : "No API key of this workspace has that id.";
        }
        if (budget.Scope == BudgetScope.Member)
            return await db.WorkspaceMembers.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == target, ct) ? null : "No member of this workspace has that user id.";
        return null;
    }

    private static void Apply(Budget budget, ValidBudget valid)
    {
        budget.Scope = valid.Scope;
        budget.Target = valid.Target;
        budget.Period = valid.Period;
        budget.LimitMicros = valid.LimitMicros;
        budget.Action = valid.Action;
        budget.Thresholds = BudgetRules.ThresholdsText(valid.Thresholds);
    }

    private static string Label(Budget budget) =>
        budget.Target is null ? $"{BudgetDrafts.Word(budget.Scope)} budget" : $"{BudgetDrafts.Word(budget.Scope)} {budget.Target} budget";

    private static Dictionary<string, object?> Fields(Budget budget) => new()
    {
        ["scope"] = BudgetDrafts.Word(budget.Scope), ["target"] = budget.Target, ["period"] = BudgetDrafts.Word(budget.Period),
        ["limitMicros"] = budget.LimitMicros, ["action"] = BudgetDrafts.Word(budget.Action), ["thresholds"] = budget.Thresholds,
    };
}
