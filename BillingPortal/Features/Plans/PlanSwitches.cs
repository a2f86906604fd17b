using System.Globalization;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Activity;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Notifications;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Plans;

/// <summary>
/// The plan changes that charge nothing: scheduling and cancelling a downgrade, and an ended trial moving to Free.
/// The caller has checked billing:manage.
/// </summary>
public sealed class PlanSwitches(BillingWrites writes, CreditLedger ledger, INotifier notifier, TimeProvider clock,
    AuditTrail? trail = null, IAuditContext? audit = null)
{
    // Built without the app's services (some tests), the writer still records, as a worker.
    private readonly AuditTrail trail = trail ?? new AuditTrail(clock);
    private readonly IAuditContext audit = audit ?? new FixedAuditContext(AuditActor.Worker());
    private const string NoSubscription = "This workspace has no subscription.";

    public async Task<PlanChangeResult> ScheduleDowngradeAsync(Guid workspaceId, Plan target, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var periodEnd = default(DateTime);
        var by = await audit.ActorAsync(ct);
        var result = await writes.RunAsync(async (scope, ct) =>
        {
            if (await SubscriptionLock.LockAsync(scope, workspaceId, ct) is not { } subscription)
                return PlanChangeResult.Refused(NoSubscription);
            var decision = PlanChangeRules.Downgrade(subscription, target);
            if (!decision.Allowed)
                return PlanChangeResult.Refused(decision.Refusal!);
            // When the worker will apply it: a trial with a card converts, and switches, at its end.
            periodEnd = (await Subscriptions.UsableCard.DatesAsync(scope.Db, subscription, now, ct)).ChangesAt;
            var message = $"{subscription.Plan.Name} stays until {Date(periodEnd)}; then the workspace switches to {target.Name}.";
            if (subscription.PendingPlanCode == target.Code)
                return new PlanChangeResult(true, message, Replayed: true);
            trail.RecordWithin(scope, by, Pending(subscription, AuditActions.PlanDowngradeScheduled, target.Code));
            subscription.PendingPlanCode = target.Code;
            subscription.PendingPlanRequestedAt = now;
            return new PlanChangeResult(true, message);
        }, ct);
        if (result is { Succeeded: true, Replayed: false })
            await notifier.NotifyBillingManagersAsync(new NotificationRequest(workspaceId, NotificationTypes.PlanChanged,
                $"downgrade:{now:yyyyMMddHHmmssfffffff}", $"Switching to {target.Name} on {Date(periodEnd)}", result.Message, "billing/plans"), ct);
        return result;
    }

    public async Task<PlanChangeResult> CancelDowngradeAsync(Guid workspaceId, CancellationToken ct = default)
    {
        var by = await audit.ActorAsync(ct);
        return await writes.RunAsync(async (scope, ct) =>
        {
            if (await SubscriptionLock.LockAsync(scope, workspaceId, ct) is not { } subscription)
                return PlanChangeResult.Refused(NoSubscription);
            if (subscription.PendingPlanCode is null)
                return new PlanChangeResult(true, $"No plan change is pending; the workspace stays on {subscription.Plan.Name}.", Replayed: true);
            trail.RecordWithin(scope, by, Pending(subscription, AuditActions.PlanDowngradeCancelled, null));
            subscription.PendingPlanCode = null;
            subscription.PendingPlanRequestedAt = null;
            return new PlanChangeResult(true, $"The workspace stays on {subscription.Plan.Name}.");
        }, ct);
    }

    public async Task<PlanChangeResult> SwitchExpiredTrialToFreeAsync(Guid workspaceId, string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var free = PlanCatalog.Free;
        var by = await audit.ActorAsync(ct);
        // The allowance's entry is published to the wallet observers once this commits.
        var result = await writes.RunAsync(async (scope, ct) =>
        {
            if (await SubscriptionLock.LockAsync(scope, workspaceId, ct) is not { } subscription)
                return PlanChangeResult.Refused(NoSubscription);
            if (PlanChangeRules.SwitchExpiredTrialToFree(subscription, now) is { } refusal)
                return PlanChangeResult.Refused(refusal);
            trail.RecordWithin(scope, by, Switched(subscription, free));
            subscription.PlanCode = free.Code;
            subscription.Status = SubscriptionStatus.Active;
            subscription.PendingPlanCode = null;
            subscription.PendingPlanRequestedAt = null;
            subscription.BillingAnchor = now;
            subscription.CurrentPeriodStart = now;
            subscription.CurrentPeriodEnd = now.AddMonths(1);
            // Saved with the entry: the ledger saves the context's pending changes and commits nothing itself.
            await ledger.ResetAllowanceWithinAsync(scope, new Posting(workspaceId, free.MonthlyAllowance.Micros,
                $"allowance:{now:yyyyMMddHHmmss}", $"{free.Name} plan allowance for this period", UserId: userId, At: now), ct);
            return new PlanChangeResult(true, $"The workspace is on {free.Name} now. Nothing was charged, and agents can run again.");
        }, ct);
        if (result.Succeeded)
            await notifier.NotifyBillingManagersAsync(new NotificationRequest(workspaceId, NotificationTypes.PlanChanged,
                $"trial-to-free:{now:yyyyMMddHHmmss}", $"Switched to {free.Name}", result.Message, "billing/plans"), ct);
        return result;
    }

    /// <summary>The audit record of a switch from the subscription's plan (read before it changes) to <paramref name="target"/>.</summary>
    internal static AuditChange Switched(Subscription subscription, Plan target) => new(subscription.WorkspaceId, AuditActions.PlanSwitched,
        subscription.WorkspaceId.ToString(), target.Name,
        new Dictionary<string, object?> { ["plan"] = subscription.PlanCode, ["pendingPlan"] = subscription.PendingPlanCode },
        new Dictionary<string, object?> { ["plan"] = target.Code, ["pendingPlan"] = null });

    private static AuditChange Pending(Subscription subscription, string action, string? pending) => new(subscription.WorkspaceId, action,
        subscription.WorkspaceId.ToString(), subscription.Plan.Name,
        new Dictionary<string, object?> { ["pendingPlan"] = subscription.PendingPlanCode },
        new Dictionary<string, object?> { ["pendingPlan"] = pending });

    /// <summary>A default card that is not removed and has not expired.</summary>
    internal static async Task<bool> HasUsableCardAsync(BillingDbContext db, Guid workspaceId, DateTime now, CancellationToken ct)
    {
        var cards = await db.PaymentMethods.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && m.RemovedAt == null && m.IsDefault).ToListAsync(ct);
        return cards.Any(c => !c.IsExpired(now));
    }

    internal static string Date(DateTime utc) => Domain.Text.DateText.Day(utc);
}
