using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Invoices.Collection;

public sealed partial class InvoiceCollector
{
    /// <summary>
    /// One pass of the worker: attempts due (and invoices whose retries ran out, once a different default card is on
    /// file), invoices past their due date, long past-due workspaces paused. Every step is a conditional write, so a
    /// pass run twice, or two passes at once, change things once. Returns the invoices and subscriptions touched.
    /// </summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var touched = 0;
        foreach (var invoiceId in await DueForAttemptAsync(now, ct))
        {
            try
            {
                var result = await CollectAsync(invoiceId, null, onlyIfDue: true, ct);
                if (result.Outcome != InvoiceCollectionOutcome.NothingToDo)
                    touched++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Collecting invoice {InvoiceId} failed", invoiceId);
            }
        }
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var overdue = await db.Invoices.AsNoTracking().Where(i => i.Status == InvoiceStatus.Open && i.DueAt <= now)
                .OrderBy(i => i.Number).Select(i => i.Id).ToListAsync(ct);
            foreach (var invoiceId in overdue)
                touched += await MarkPastDueAsync(invoiceId, now, ct) ? 1 : 0;
            var pauseBefore = now - BillingTerms.PauseAfterPastDue;
            var longPastDue = await db.Subscriptions.AsNoTracking()
                .Where(s => s.Status == SubscriptionStatus.PastDue && s.PastDueSince != null && s.PastDueSince <= pauseBefore)
                .Select(s => new { s.WorkspaceId, s.PastDueSince }).ToListAsync(ct);
            foreach (var s in longPastDue)
                touched += await PauseAsync(s.WorkspaceId, s.PastDueSince!.Value, now, ct) ? 1 : 0;
        }
        return touched;
    }

    /// <summary>Payable invoices to charge now, oldest first: only where a usable default card is on file.</summary>
    private async Task<List<Guid>> DueForAttemptAsync(DateTime now, CancellationToken ct)
    {
        var (year, month) = (now.Year, now.Month);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var candidates = await db.Invoices.AsNoTracking()
            .Where(i => i.Status == InvoiceStatus.Open || i.Status == InvoiceStatus.PastDue)
            .Select(i => new
            {
                i.Id,
                i.Number,
                i.NextPaymentAttemptAt,
                Card = db.PaymentMethods
                    .Where(m => m.WorkspaceId == i.WorkspaceId && m.IsDefault && m.RemovedAt == null && (m.ExpYear > year || (m.ExpYear == year && m.ExpMonth >= month)))
                    .Select(m => (Guid?)m.Id).FirstOrDefault(),
                FailedOn = db.Payments.Where(p => p.Id == i.LastPaymentId && p.Status == PaymentStatus.Failed).Select(p => p.PaymentMethodId).FirstOrDefault(),
            })
            .Where(x => x.Card != null && (x.NextPaymentAttemptAt <= now
                // Retries ran out on one card, and the workspace has made another its default since: try that one.
                || (x.NextPaymentAttemptAt == null && x.FailedOn != null && x.FailedOn != x.Card)))
            .OrderBy(x => x.Number).Select(x => x.Id).ToListAsync(ct);
        return candidates;
    }

    /// <summary>An Open invoice past its due date becomes Past Due, and so does its subscription (from the due date).</summary>
    private async Task<bool> MarkPastDueAsync(Guid invoiceId, DateTime now, CancellationToken ct)
    {
        var invoice = await writes.RunAsync<Invoice?>(async (scope, ct) =>
        {
            var db = scope.Db;
            var moved = await db.Invoices.Where(i => i.Id == invoiceId && i.Status == InvoiceStatus.Open && i.DueAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, InvoiceStatus.PastDue), ct);
            if (moved == 0)
                return null; // paid meanwhile, or another pass did it
            var pastDue = await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == invoiceId, ct);
            if (await db.Subscriptions.FirstOrDefaultAsync(s => s.WorkspaceId == pastDue.WorkspaceId, ct) is { } subscription)
                Dunning.MarkPastDue(subscription, pastDue.DueAt);
            return pastDue;
        }, ct);
        if (invoice is null)
            return false;
        log.LogWarning("Invoice {Invoice} of workspace {WorkspaceId} is past due", invoice.DisplayNumber, invoice.WorkspaceId);
        await notifier.NotifyBillingManagersAsync(new NotificationRequest(invoice.WorkspaceId, NotificationTypes.InvoicePastDue,
            $"invoice:{invoice.Id}:past_due", $"Invoice {invoice.DisplayNumber} is past due",
            $"Invoice {invoice.DisplayNumber} for {Dollars(invoice.TotalMicros)} was due on {Domain.Text.DateText.Day(invoice.DueAt)}. New agent runs are refused until it is paid: pay it on the Payment page.",
            "billing/payment"), ct);
        return true;
    }

    /// <summary>Past Due for <see cref="BillingTerms.PauseAfterPastDue"/>: Paused, from the moment the rule says.</summary>
    private async Task<bool> PauseAsync(Guid workspaceId, DateTime pastDueSince, DateTime now, CancellationToken ct)
    {
        if (!Dunning.ShouldPause(SubscriptionStatus.PastDue, pastDueSince, now))
            return false;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var paused = await db.Subscriptions
                .Where(s => s.WorkspaceId == workspaceId && s.Status == SubscriptionStatus.PastDue && s.PastDueSince == pastDueSince)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubscriptionStatus.Paused)
                                          .SetProperty(x => x.PausedAt, Dunning.PausesAt(pastDueSince)), ct);
            if (paused == 0)
                return false;
        }
        log.LogWarning("Subscription of workspace {WorkspaceId} paused: past due since {Since:u}", workspaceId, pastDueSince);
        await notifier.NotifyBillingManagersAsync(new NotificationRequest(workspaceId, NotificationTypes.SubscriptionPaused,
            $"subscription:paused:{pastDueSince:yyyyMMddHHmmss}", "Subscription paused",
            $"An invoice has been unpaid since {Domain.Text.DateText.Day(pastDueSince)}, so the subscription is paused. Pay the outstanding invoices on the Payment page to resume it.",
            "billing/payment"), ct);
        return true;
    }

    private static string Dollars(long micros) => new Money(micros).Format(System.Globalization.CultureInfo.InvariantCulture);
}
