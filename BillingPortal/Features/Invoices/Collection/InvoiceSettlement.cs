using System.Globalization;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Invoices.Collection;

/// <summary>What settling an invoice payment changed, told to the managers once the transaction committed.</summary>
public sealed record InvoiceSettled(Guid WorkspaceId, Guid InvoiceId, string InvoiceNumber, long AmountMicros, Guid PaymentId,
    bool Paid, bool Resumed, string? FailureMessage, DateTime? NextAttemptAt);

/// <summary>
/// The invoice side of a payment settling. <see cref="InvoicePayments"/> (the Invoice purpose's handler) calls it inside
/// the transaction that moves the payment, so "payment Succeeded" and "invoice Paid" (or "retry scheduled") commit
/// together or not at all.
/// </summary>
public static class InvoiceSettlement
{
    /// <summary>The payment succeeded: the invoice is Paid, and its subscription resumes when nothing else is Past Due.</summary>
    public static async Task<InvoiceSettled?> PaidWithinAsync(BillingDbContext db, Payment payment, DateTime now, ILogger log, CancellationToken ct)
    {
        var invoice = await InvoiceOfAsync(db, payment, log, ct);
        if (invoice is null)
            return null;
        if (!invoice.IsPayable)
        {
            // Two attempts both charged (or the invoice was voided meanwhile): never mark it twice; a person refunds the extra.
            log.LogError("Invoice {Invoice} is already {Status}, but payment {PaymentId} for it also succeeded; refund it by hand",
                invoice.DisplayNumber, invoice.Status, payment.Id);
            return null;
        }
        invoice.Status = InvoiceStatus.Paid;
        invoice.PaidAt = now;
        invoice.NextPaymentAttemptAt = null;
        invoice.LastPaymentId = payment.Id;

        var resumed = false;
        if (await db.Subscriptions.FirstOrDefaultAsync(s => s.WorkspaceId == invoice.WorkspaceId, ct) is { } subscription)
        {
            var otherPastDue = await db.Invoices.CountAsync(i => i.WorkspaceId == invoice.WorkspaceId && i.Id != invoice.Id && i.Status == InvoiceStatus.PastDue, ct);
            resumed = Dunning.ResumeOnPayment(subscription, otherPastDue);
        }
        return new InvoiceSettled(invoice.WorkspaceId, invoice.Id, invoice.DisplayNumber, invoice.TotalMicros, payment.Id, true, resumed, null, null);
    }

    /// <summary>The payment failed: the invoice stays Open or Past Due, and its next attempt is scheduled per <see cref="Dunning"/>.</summary>
    public static async Task<InvoiceSettled?> FailedWithinAsync(BillingDbContext db, Payment payment, DateTime now, ILogger log, CancellationToken ct)
    {
        var invoice = await InvoiceOfAsync(db, payment, log, ct);
        if (invoice is null || !invoice.IsPayable)
            return null;
        // Only the latest attempt schedules: a late report about an older one must not move the retry.
        if (invoice.LastPaymentId == payment.Id)
            invoice.NextPaymentAttemptAt = Dunning.NextAttemptAfterFailure(Math.Max(1, invoice.PaymentAttempts), now);
        return new InvoiceSettled(invoice.WorkspaceId, invoice.Id, invoice.DisplayNumber, invoice.TotalMicros, payment.Id, false, false,
            payment.FailureMessage, invoice.NextPaymentAttemptAt);
    }

    /// <summary>Tells Owners and Admins, once per payment (the dedupe keys name it).</summary>
    public static async Task NotifyAsync(INotifier notifier, InvoiceSettled settled, CancellationToken ct)
    {
        var amount = new Money(settled.AmountMicros).Format(CultureInfo.InvariantCulture);
        if (settled.Paid)
        {
            await notifier.NotifyBillingManagersAsync(new NotificationRequest(settled.WorkspaceId, NotificationTypes.InvoicePaid,
                $"invoice:{settled.InvoiceId}:paid", $"Invoice {settled.InvoiceNumber} paid",
                $"{amount} was charged for invoice {settled.InvoiceNumber}. Thank you.", $"billing/invoices/{settled.InvoiceId}"), ct);
            if (settled.Resumed)
                await notifier.NotifyBillingManagersAsync(new NotificationRequest(settled.WorkspaceId, NotificationTypes.SubscriptionResumed,
                    $"invoice:{settled.InvoiceId}:resumed", "Subscription active again",
                    "Your overdue invoices are paid, so new agent runs are allowed again.", "billing"), ct);
            return;
        }
        var retry = settled.NextAttemptAt is { } at
            ? $" We'll try again on {Domain.Text.DateText.Moment(at)}."
            : " We won't retry automatically: pay it on the Payment page or add another card.";
        await notifier.NotifyBillingManagersAsync(new NotificationRequest(settled.WorkspaceId, NotificationTypes.InvoicePaymentFailed,
            $"invoice-payment:{settled.PaymentId}:failed", $"Payment for invoice {settled.InvoiceNumber} failed",
            $"Charging {amount} for invoice {settled.InvoiceNumber} failed: {settled.FailureMessage ?? "declined"}.{retry}", "billing/payment"), ct);
    }

    private static async Task<Invoice?> InvoiceOfAsync(BillingDbContext db, Payment payment, ILogger log, CancellationToken ct)
    {
        var invoice = payment.InvoiceId is { } id
            ? await db.Invoices.FirstOrDefaultAsync(i => i.Id == id && i.WorkspaceId == payment.WorkspaceId, ct)
            : null;
        if (invoice is null)
            log.LogError("Invoice payment {PaymentId} names no invoice of workspace {WorkspaceId}", payment.Id, payment.WorkspaceId);
        return invoice;
    }
}
