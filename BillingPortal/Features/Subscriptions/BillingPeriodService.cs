using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Activity;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.BillingDetails;
using BillingPortal.Features.Invoices;
using BillingPortal.Features.Notifications;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Subscriptions;

/// <summary>
/// Moves a subscription through time, one due step per call: a period's end (invoice, overage, allowance reset,
/// pending downgrade, next period) or an ended trial's conversion to paid. Each step is one transaction that takes
/// the subscription row's write lock and re-reads it, so two workers on the same workspace bill a period once; a
/// caller loops while <see cref="PeriodRollover.MadeProgress"/> to catch up after downtime.
/// </summary>
public sealed class BillingPeriodService(
    IDbContextFactory<BillingDbContext> dbFactory,
    BillingWrites writes,
    CreditLedger ledger,
    INotifier notifier,
    TimeProvider clock,
    AuditTrail? trail = null)
{
    // Built without the app's services (some tests), the writer still records, as a worker.
    private readonly AuditTrail trail = trail ?? new AuditTrail(clock);
    private const int MaxAttempts = 3;

    private sealed record Step(PeriodRollover Result, bool InvoiceCreated = false);

    /// <summary>What a period step bills: the usage window that ended and the period that starts.</summary>
    private sealed record Billing(string InvoiceKey, Plan NextPlan, DateTime UsageStart, DateTime UsageEnd, DateTime NewStart, DateTime NewEnd, bool Invoiced = true);

    /// <summary>Takes the one step due for the workspace now, if any, and says what it did.</summary>
    public async Task<PeriodRollover> RollOverAsync(Guid workspaceId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        Subscription? seen;
        bool hasCard;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            seen = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
            hasCard = seen is not null && seen.TrialExpired(now) && await UsableCard.SinceAsync(db, workspaceId, now, ct) is not null;
        }
        if (seen is null)
            return new PeriodRollover(RolloverOutcome.NotFound);
        // Most calls find nothing due; only a due step takes the write lock.
        var due = seen.CurrentPeriodEnd <= now || (seen.Status == SubscriptionStatus.Trial && hasCard);
        if (!due)
            return await TrialNoticeAsync(seen, now, ct);

        // A lost race (the server engines: a wallet write slipped between the lock and the swap) committed nothing: go again.
        var step = await writes.RunAsync((scope, ct) => StepAsync(scope, workspaceId, now, ct), commitWhen: null, MaxAttempts, ct);
        await AfterCommitAsync(step, ct);
        // The card went between the first read and the lock: as if it had never been there.
        return step.Result.Outcome == RolloverOutcome.TrialExpiredWithoutCard ? await TrialNoticeAsync(seen, now, ct) : step.Result;
    }

    /// <summary>
    /// One step in a unit of work that locks the subscription row (SQLite: the unit holds the write lock) and re-reads
    /// it, so it sees whatever a concurrent worker committed first and then finds nothing due.
    /// </summary>
    private async Task<Step> StepAsync(WriteScope scope, Guid workspaceId, DateTime now, CancellationToken ct)
    {
        var db = scope.Db;
        await scope.LockAsync<Subscription>(s => s.WorkspaceId, workspaceId, ct);
        var subscription = await db.Subscriptions.SingleAsync(s => s.WorkspaceId == workspaceId, ct);

        if (subscription.Status != SubscriptionStatus.Trial)
            return subscription.CurrentPeriodEnd > now
                ? new Step(new PeriodRollover(RolloverOutcome.NothingDue))
                : await CloseAsync(scope, subscription, ct);
        // A period that ended before the trial did closes first, even when the worker catches up past both (SubscriptionDates).
        var periodEndedFirst = subscription.CurrentPeriodEnd <= now && subscription.CurrentPeriodEnd < subscription.TrialEndsAt;
        if (!periodEndedFirst && subscription.TrialExpired(now) && await UsableCard.SinceAsync(db, workspaceId, now, ct) is { } cardSince)
            return await ConvertAsync(scope, subscription, cardSince, now, ct);
        if (subscription.CurrentPeriodEnd <= now)
            return await CloseTrialPeriodAsync(scope, subscription, ct);
        return new Step(new PeriodRollover(subscription.TrialExpired(now) ? RolloverOutcome.TrialExpiredWithoutCard : RolloverOutcome.NothingDue));
    }

    /// <summary>The period ended: bill it and start the next one on the anchor's cycle, on the pending plan if any.</summary>
    private Task<Step> CloseAsync(WriteScope scope, Subscription subscription, CancellationToken ct)
    {
        var start = subscription.CurrentPeriodStart;
        var end = subscription.CurrentPeriodEnd;
        var billing = new Billing($"period:{start:yyyyMMddHHmmss}", subscription.PendingPlan ?? subscription.Plan,
            start, end, end, BillingCycle.NextPeriodEnd(subscription.BillingAnchor, end));
        return BillAsync(scope, subscription, billing, RolloverOutcome.PeriodClosed, ct);
    }

    /// <summary>
    /// A trial longer than a period (or one still waiting for a card) still gets its monthly allowance back at each
    /// period end, as the Overview promises; a trial is never charged, so there is no invoice.
    /// </summary>
    private Task<Step> CloseTrialPeriodAsync(WriteScope scope, Subscription subscription, CancellationToken ct)
    {
        var start = subscription.CurrentPeriodStart;
        var end = subscription.CurrentPeriodEnd;
        var billing = new Billing($"period:{start:yyyyMMddHHmmss}", subscription.PendingPlan ?? subscription.Plan,
            start, end, end, BillingCycle.NextPeriodEnd(subscription.BillingAnchor, end), Invoiced: false);
        return BillAsync(scope, subscription, billing, RolloverOutcome.PeriodClosed, ct);
    }

    /// <summary>
    /// The trial ended and a card is on file: paid from the trial's end if the card was there by then, otherwise from
    /// now (the card came later). The new period anchors the cycle; the trial's usage is reported on the first invoice.
    /// </summary>
    private Task<Step> ConvertAsync(WriteScope scope, Subscription subscription, DateTime cardSince, DateTime now, CancellationToken ct)
    {
        var trialEnd = subscription.TrialEndsAt!.Value;
        var start = cardSince <= trialEnd ? trialEnd : now;
        var (newStart, newEnd) = BillingCycle.FirstPeriod(start);
        var billing = new Billing($"period:{subscription.CurrentPeriodStart:yyyyMMddHHmmss}", subscription.PendingPlan ?? subscription.Plan,
            subscription.CurrentPeriodStart, start, newStart, newEnd);
        subscription.Status = SubscriptionStatus.Active;
        subscription.BillingAnchor = newStart;
        return BillAsync(scope, subscription, billing, RolloverOutcome.TrialConverted, ct);
    }

    /// <summary>Issues the period invoice (none when there is nothing to bill), moves overage onto it, resets the allowance, advances.</summary>
    private async Task<Step> BillAsync(WriteScope scope, Subscription subscription, Billing billing, RolloverOutcome outcome, CancellationToken ct)
    {
        var db = scope.Db;
        var workspaceId = subscription.WorkspaceId;
        InvoiceIssue? issue = null;
        var usage = billing.Invoiced ? await PeriodLedger.ReadAsync(db, workspaceId, billing.UsageStart, billing.UsageEnd, ct) : PeriodUsage.None;
        var lines = PeriodCharges.Lines(billing.NextPlan, billing.NewStart, billing.NewEnd, billing.UsageStart, billing.UsageEnd, usage);
        if (billing.Invoiced && PeriodCharges.Total(lines) > 0)
        {
            var customer = await InvoiceCustomer.ReadAsync(db, workspaceId, ct);
            // Issued at the moment it fell due, even when the worker catches up late, so its dates are the period's.
            // Usage is the period that ended; the plan fee pays for the one that starts: the header names both.
            issue = await InvoiceIssuer.IssueWithinAsync(db, new InvoiceDraft(workspaceId, InvoiceKind.Period, billing.InvoiceKey,
                billing.NextPlan.Code, billing.UsageStart, billing.UsageEnd, billing.NewStart, billing.NewStart + BillingTerms.DueAfter,
                customer.Name, customer.Email, lines, customer.Address, customer.TaxId, billing.NewStart, billing.NewEnd), ct);
            var invoice = issue.Invoice;
            // Dated at the period's start, not now, so a late run's next period (read by entry times) sees the debt moved.
            if (usage.OverageMicros > 0)
                await ledger.PostCreditWithinAsync(scope, LedgerEntryType.InvoicedOverage, new Posting(workspaceId, usage.OverageMicros,
                    $"invoice:{invoice.Id}:overage", $"Overage moved to invoice {invoice.DisplayNumber}", Reference: invoice.DisplayNumber,
                    At: billing.NewStart), ct);
        }
        await ledger.ResetAllowanceWithinAsync(scope, new Posting(workspaceId, billing.NextPlan.MonthlyAllowance.Micros,
            $"allowance:{billing.NewStart:yyyyMMddHHmmss}", $"{billing.NextPlan.Name} plan allowance for this period", At: billing.NewStart), ct);

        if (subscription.PlanCode != billing.NextPlan.Code)
            // The worker applies the downgrade someone scheduled: recorded as the worker's, in this step's unit.
            trail.RecordWithin(scope, AuditActor.Worker($"period:{billing.NewStart:yyyyMMddHHmmss}"), new AuditChange(workspaceId, AuditActions.PlanSwitched,
                workspaceId.ToString(), billing.NextPlan.Name,
                new Dictionary<string, object?> { ["plan"] = subscription.PlanCode, ["pendingPlan"] = subscription.PendingPlanCode },
                new Dictionary<string, object?> { ["plan"] = billing.NextPlan.Code, ["pendingPlan"] = null }));
        subscription.PlanCode = billing.NextPlan.Code;
        subscription.PendingPlanCode = null;
        subscription.PendingPlanRequestedAt = null;
        subscription.CurrentPeriodStart = billing.NewStart;
        subscription.CurrentPeriodEnd = billing.NewEnd;
        return new Step(new PeriodRollover(outcome, issue?.Invoice), issue?.Created == true);
    }

    /// <summary>The ledger's entries were published when the unit committed; the invoice's notice follows.</summary>
    private async Task AfterCommitAsync(Step step, CancellationToken ct)
    {
        if (step.InvoiceCreated && step.Result.Invoice is { } invoice)
            await notifier.NotifyBillingManagersAsync(BillingNotices.InvoiceIssued(invoice), ct);
    }

    /// <summary>Nothing to change: tell the managers once that the trial is ending, or has ended without a card.</summary>
    private async Task<PeriodRollover> TrialNoticeAsync(Subscription subscription, DateTime now, CancellationToken ct)
    {
        if (subscription is not { Status: SubscriptionStatus.Trial, TrialEndsAt: { } end })
            return new PeriodRollover(RolloverOutcome.NothingDue);
        if (end <= now)
        {
            await notifier.NotifyBillingManagersAsync(BillingNotices.TrialExpired(subscription.WorkspaceId, end), ct);
            return new PeriodRollover(RolloverOutcome.TrialExpiredWithoutCard);
        }
        if (end - now > BillingTerms.TrialEndingNotice)
            return new PeriodRollover(RolloverOutcome.NothingDue);
        await notifier.NotifyBillingManagersAsync(BillingNotices.TrialEnding(subscription.WorkspaceId, end, now), ct);
        return new PeriodRollover(RolloverOutcome.TrialEnding);
    }
}
