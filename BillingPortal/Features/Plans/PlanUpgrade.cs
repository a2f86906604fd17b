using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Activity;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.BillingDetails;
using BillingPortal.Features.Invoices;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Features.Notifications;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Plans;

/// <summary>
/// An upgrade, all or nothing: the prorated invoice, the raised allowance and the new plan commit together; the
/// charge follows through the invoices feature's <see cref="InvoiceCollector"/>. The caller has checked billing:manage.
/// </summary>
public sealed class PlanUpgrade(
    IDbContextFactory<BillingDbContext> dbFactory,
    BillingWrites writes,
    CreditLedger ledger,
    IUpgradeCollection collector,
    INotifier notifier,
    TimeProvider clock,
    ILogger<PlanUpgrade> log,
    AuditTrail? trail = null,
    IAuditContext? audit = null)
{
    // Built without the app's services (some tests), the writer still records, as a worker.
    private readonly AuditTrail trail = trail ?? new AuditTrail(clock);
    private readonly IAuditContext audit = audit ?? new FixedAuditContext(AuditActor.Worker());
    public async Task<UpgradePreview> PreviewAsync(Guid workspaceId, Plan target, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
        if (subscription is null)
            return new UpgradePreview(PlanChangeKind.Refused, target, Money.Zero, Money.Zero, default, "This workspace has no subscription.");
        var decision = PlanChangeRules.Upgrade(subscription, target, await PlanSwitches.HasUsableCardAsync(db, workspaceId, now, ct), now);
        if (decision.Kind != PlanChangeKind.ProratedUpgrade)
            return new UpgradePreview(decision.Kind, target, Money.Zero, Money.Zero, subscription.NextBillingDate, decision.Refusal);
        var prorated = Proration.Upgrade(subscription.Plan, target, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd, now);
        return new UpgradePreview(decision.Kind, target, prorated.Charge, prorated.AllowanceAdded, prorated.To, null);
    }

    public async Task<PlanChangeResult> UpgradeAsync(Guid workspaceId, string userId, Plan target, string requestKey, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The raised allowance's entry is published to the wallet observers once this commits.
        var by = await audit.ActorAsync(ct);
        var step = await writes.RunAsync((scope, ct) => UpgradeWithinAsync(scope, by, workspaceId, userId, target, requestKey, now, ct), ct);
        if (step.TrialNotice)
            await NotifyAsync(workspaceId, $"trial-upgrade:{requestKey}", target, step.Result!.Message, ct);
        if (step.Invoice is not { } invoice)
            return step.Result!;

        var charged = new Money(invoice.TotalMicros);
        await NotifyAsync(workspaceId, $"upgrade:{invoice.Id}", target,
            $"{step.From!.Name} was upgraded to {target.Name}. Invoice {invoice.DisplayNumber} bills {charged.Format()} for the rest of the period.", ct);
        var collection = await CollectAsync(invoice, ct);
        return new PlanChangeResult(true, UpgradedMessage(target, invoice, collection), invoice.Id, charged, Collection: collection);
    }

    /// <summary>What the upgrade's unit of work did: a result to return as it is, or the invoice issued (then the charge follows).</summary>
    private sealed record Step(PlanChangeResult? Result, Invoice? Invoice = null, Plan? From = null, bool TrialNotice = false);

    private async Task<Step> UpgradeWithinAsync(WriteScope scope, AuditActor by, Guid workspaceId, string userId, Plan target, string requestKey, DateTime now, CancellationToken ct)
    {
        var db = scope.Db;
        var invoiceKey = $"upgrade:{requestKey}";
        if (await SubscriptionLock.LockAsync(scope, workspaceId, ct) is not { } subscription)
            return new Step(PlanChangeResult.Refused("This workspace has no subscription."));
        // After the lock, so a concurrent replay of this key sees the first one's committed invoice.
        var earlier = await db.Invoices.AsNoTracking().FirstOrDefaultAsync(i => i.WorkspaceId == workspaceId && i.IdempotencyKey == invoiceKey, ct);
        if (earlier is not null)
            return new Step(new PlanChangeResult(true, $"Upgraded to {PlanCatalog.Get(earlier.PlanCode).Name}.", earlier.Id, new Money(earlier.TotalMicros), Replayed: true));

        var from = subscription.Plan;
        var decision = PlanChangeRules.Upgrade(subscription, target, await PlanSwitches.HasUsableCardAsync(db, workspaceId, now, ct), now);
        if (!decision.Allowed)
            return new Step(PlanChangeResult.Refused(decision.Refusal!));
        if (decision.Kind == PlanChangeKind.TrialSwitch)
        {
            trail.RecordWithin(scope, by, PlanSwitches.Switched(subscription, target));
            Switch(subscription, target);
            return new Step(new PlanChangeResult(true, $"The trial continues on {target.Name}. Nothing is charged until it ends."), TrialNotice: true);
        }

        var prorated = Proration.Upgrade(from, target, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd, now);
        var customer = await InvoiceCustomer.ReadAsync(db, workspaceId, ct);
        var line = new InvoiceLineSpec(InvoiceLineKind.Proration, PlanChangeRules.ProrationDescription(target, prorated.From, prorated.To), prorated.Charge.Micros);
        var issue = await InvoiceIssuer.IssueWithinAsync(db, new InvoiceDraft(workspaceId, InvoiceKind.Proration, invoiceKey, target.Code,
            prorated.From, prorated.To, now, now + BillingTerms.DueAfter, customer.Name, customer.Email, [line],
            customer.Address, customer.TaxId), ct);
        var invoice = issue.Invoice;

        trail.RecordWithin(scope, by, PlanSwitches.Switched(subscription, target));
        Switch(subscription, target);
        // What is left of the allowance plus the prorated addition, decided by the ledger under the wallet's lock so no
        // usage debit slips between reading the allowance and setting it. Saves the subscription with the entry.
        await ledger.RaiseAllowanceWithinAsync(scope, new Posting(workspaceId, prorated.AllowanceAdded.Micros,
            $"upgrade:{invoice.Id}:allowance", $"{target.Name} allowance for the rest of the period", invoice.DisplayNumber, userId, now), ct);
        return new Step(null, invoice, from);
    }

    private async Task<InvoiceCollectionOutcome?> CollectAsync(Invoice invoice, CancellationToken ct)
    {
        if (!invoice.IsPayable)
            return null;
        try
        {
            return await collector.CollectAsync(invoice.Id, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The upgrade stands; the collector's worker tries the invoice again when its attempt falls due.
            log.LogWarning(ex, "Collecting upgrade invoice {InvoiceId} failed; the collector retries it.", invoice.Id);
            return null;
        }
    }

    private static string UpgradedMessage(Plan target, Invoice invoice, InvoiceCollectionOutcome? collection)
    {
        var amount = new Money(invoice.TotalMicros).Format();
        return collection switch
        {
            InvoiceCollectionOutcome.Paid => $"Upgraded to {target.Name}. {amount} was charged to your default card ({invoice.DisplayNumber}).",
            InvoiceCollectionOutcome.Failed => $"Upgraded to {target.Name}, but the charge of {amount} failed. Pay {invoice.DisplayNumber} on the Payment page by {PlanSwitches.Date(invoice.DueAt)}.",
            // The provider is down, or this server has no payments set up: nothing was charged yet.
            InvoiceCollectionOutcome.ProviderError => $"Upgraded to {target.Name}. Invoice {invoice.DisplayNumber} for {amount} is open: nothing could be charged yet, and it is collected once payments go through.",
            _ when !invoice.IsPayable => $"Upgraded to {target.Name}. Nothing to pay for the rest of this period.",
            _ => $"Upgraded to {target.Name}. Invoice {invoice.DisplayNumber} for {amount} is charged to your default card.",
        };
    }

    private static void Switch(Subscription subscription, Plan target)
    {
        subscription.PlanCode = target.Code;
        // An upgrade replaces any downgrade that was waiting for the period's end.
        subscription.PendingPlanCode = null;
        subscription.PendingPlanRequestedAt = null;
    }

    private Task NotifyAsync(Guid workspaceId, string dedupeKey, Plan target, string message, CancellationToken ct) =>
        notifier.NotifyBillingManagersAsync(new NotificationRequest(workspaceId, NotificationTypes.PlanChanged, dedupeKey,
            $"Upgraded to {target.Name}", message, "billing/plans"), ct);
}
