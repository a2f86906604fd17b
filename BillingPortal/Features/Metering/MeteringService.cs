using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Budgets;
using BillingPortal.Features.Budgets;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Metering;

/// <summary>What a run asks for: who runs it (for the budgets covering it) and, optionally, its expected cost to hold.</summary>
public sealed record RunAsk(string Agent, Guid? ApiKeyId = null, string? UserId = null, long EstimatedMicros = 0, string? RunId = null);

/// <summary>The hold an allowed run with an estimate got.</summary>
public sealed record HeldRun(Guid HoldId, long HeldMicros, DateTime ExpiresAt);

/// <summary>Authorize's answer: allowed (with its hold, if it asked for one) or a <see cref="RunRefusal"/> reason; a budget refusal names the budget.</summary>
public sealed record RunDecision(string? Reason, BudgetStanding? Budget = null, HeldRun? Hold = null)
{
    public bool Allowed => Reason is null;
}

/// <summary>
/// Answers whether a workspace may start a run, from its subscription, wallet, active holds and budgets as they are now,
/// and holds a run's estimate. Holding happens under the wallet's lock, so concurrent authorizations never together
/// hold more than is available; an authorization without an estimate only reads.
/// </summary>
public sealed class MeteringService(IDbContextFactory<BillingDbContext> dbFactory, BillingWrites writes, TimeProvider clock)
{
    /// <summary>Null when a run may start in the workspace (no agent, key or user: only workspace budgets apply), otherwise the reason.</summary>
    public async Task<string?> AuthorizeRunAsync(Guid workspaceId, CancellationToken ct = default) =>
        (await AuthorizeAsync(workspaceId, new RunAsk(""), ct)).Reason;

    public async Task<RunDecision> AuthorizeAsync(Guid workspaceId, RunAsk ask, CancellationToken ct = default)
    {
        if (ask.EstimatedMicros <= 0)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            return await DecideAsync(db, workspaceId, ask, ct);
        }
        return await writes.RunAsync(async (scope, ct) =>
        {
            await scope.LockAsync<Wallet>(w => w.WorkspaceId, workspaceId, ct);
            var db = scope.Db;
            // A retried authorize of the same run finds its hold and gets the same answer; nothing more is held.
            var now = clock.GetUtcNow().UtcDateTime;
            if (await db.RunHolds.AsNoTracking().FirstOrDefaultAsync(h => h.WorkspaceId == workspaceId && h.RunId == ask.RunId, ct) is { } existing)
            {
                if (existing.ReleasedAt is null && existing.ExpiresAt > now)
                    return new RunDecision(null, Hold: new HeldRun(existing.Id, existing.AmountMicros, existing.ExpiresAt));
                await db.RunHolds.Where(h => h.Id == existing.Id).ExecuteDeleteAsync(ct); // that run ended: a new hold starts afresh
            }
            var decision = await DecideAsync(db, workspaceId, ask, ct);
            if (!decision.Allowed)
                return decision;
            var hold = new RunHold
            {
                Id = Guid.CreateVersion7(), WorkspaceId = workspaceId, RunId = ask.RunId!, Agent = ask.Agent, ApiKeyId = ask.ApiKeyId, UserId = ask.UserId,
                AmountMicros = ask.EstimatedMicros, CreatedAt = now, ExpiresAt = now + HoldRules.Lifetime,
            };
            db.RunHolds.Add(hold);
            // Long-expired holds count for nothing: clear them while the workspace's lock is held anyway.
            await db.RunHolds.Where(h => h.WorkspaceId == workspaceId && h.ExpiresAt < now - HoldRules.KeptAfterExpiry).ExecuteDeleteAsync(ct);
            return decision with { Hold = new HeldRun(hold.Id, hold.AmountMicros, hold.ExpiresAt) };
        }, ct);
    }

    /// <summary>Completes a run: its hold stops counting. Null when the workspace has no hold for that run.</summary>
    public async Task<RunHold?> CompleteAsync(Guid workspaceId, string runId, CancellationToken ct = default) =>
        await writes.RunAsync(async (scope, ct) =>
        {
            var hold = await scope.Db.RunHolds.FirstOrDefaultAsync(h => h.WorkspaceId == workspaceId && h.RunId == runId, ct);
            if (hold is { ReleasedAt: null })
            {
                // Completing twice keeps the first time. The hold ends now, so the active ones stay one short index range.
                var now = clock.GetUtcNow().UtcDateTime;
                hold.ReleasedAt = now;
                hold.ExpiresAt = now < hold.ExpiresAt ? now : hold.ExpiresAt;
            }
            return hold;
        }, ct);

    /// <summary>What the run may do, read as of now (inside the hold's transaction when there is one).</summary>
    private async Task<RunDecision> DecideAsync(BillingDbContext db, Guid workspaceId, RunAsk ask, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // One round trip for the common case; holds and budgets are read only where the workspace has them.
        // Scalar subqueries (SQLite has no APPLY for row-valued ones).
        var state = await db.Workspaces.AsNoTracking().Where(w => w.Id == workspaceId).Select(w => new
        {
            Status = db.Subscriptions.Where(s => s.WorkspaceId == workspaceId).Select(s => (SubscriptionStatus?)s.Status).FirstOrDefault(),
            TrialEndsAt = db.Subscriptions.Where(s => s.WorkspaceId == workspaceId).Select(s => s.TrialEndsAt).FirstOrDefault(),
            Allowance = db.Wallets.Where(x => x.WorkspaceId == workspaceId).Select(x => (long?)x.AllowanceRemainingMicros).FirstOrDefault(),
            Credits = db.Wallets.Where(x => x.WorkspaceId == workspaceId).Select(x => (long?)x.CreditBalanceMicros).FirstOrDefault(),
            HasHolds = db.RunHolds.Any(h => h.WorkspaceId == workspaceId && h.ReleasedAt == null && h.ExpiresAt > now),
            HasBudgets = db.Budgets.Any(b => b.WorkspaceId == workspaceId),
            Anchor = db.Subscriptions.Where(s => s.WorkspaceId == workspaceId).Select(s => (DateTime?)s.BillingAnchor).FirstOrDefault(),
            PeriodStart = db.Subscriptions.Where(s => s.WorkspaceId == workspaceId).Select(s => (DateTime?)s.CurrentPeriodStart).FirstOrDefault(),
            PeriodEnd = db.Subscriptions.Where(s => s.WorkspaceId == workspaceId).Select(s => (DateTime?)s.CurrentPeriodEnd).FirstOrDefault(),
        }).FirstOrDefaultAsync(ct);
        List<ActiveHold> holds = state is { HasHolds: true } ? await BudgetStandings.ActiveHoldsAsync(db, workspaceId, now, ct) : [];
        // Only an ended trial asks about cards, so the common path stays short.
        var hasCard = state is { Status: SubscriptionStatus.Trial, TrialEndsAt: { } end } && end <= now
            && await HasUsableCardAsync(db, workspaceId, now, ct);
        // No wallet means nothing to spend: fail closed.
        if (RunAdmission.Refusal(state?.Status, state?.TrialEndsAt, state?.Allowance ?? 0, state?.Credits ?? 0, now,
                hasCard, holds.Aggregate(0L, (sum, h) => sum + h.RemainingMicros), ask.EstimatedMicros) is { } reason)
            return new RunDecision(reason);
        if (state is not { HasBudgets: true })
            return new RunDecision(null);
        var billing = state is { Anchor: { } anchor, PeriodStart: { } start, PeriodEnd: { } periodEnd } ? new BillingWindow(anchor, start, periodEnd) : (BillingWindow?)null;
        var covering = await BudgetStandings.ReadAsync(db, workspaceId, now, holds, ct, new KnownBilling(billing), new RunScope(ask.Agent, ask.ApiKeyId, ask.UserId));
        return BudgetRules.Refusing(covering, ask.EstimatedMicros) is { } budget ? new RunDecision(RunRefusal.BudgetExceeded, budget) : new RunDecision(null);
    }

    private static async Task<bool> HasUsableCardAsync(BillingDbContext db, Guid workspaceId, DateTime now, CancellationToken ct)
    {
        var cards = await db.PaymentMethods.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.RemovedAt == null).ToListAsync(ct);
        return cards.Any(c => !c.IsExpired(now));
    }
}
