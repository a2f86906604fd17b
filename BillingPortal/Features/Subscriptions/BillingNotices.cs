using System.Globalization;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Notifications;
using BillingPortal.Features.Notifications;

namespace BillingPortal.Features.Subscriptions;

/// <summary>What the billing cycle tells Owners and Admins. Each dedupe key names one event, so a rerun notifies no one twice.</summary>
internal static class BillingNotices
{
    public static NotificationRequest InvoiceIssued(Invoice invoice) => new(invoice.WorkspaceId, NotificationTypes.InvoiceIssued,
        $"invoice:{invoice.Id}:issued", $"Invoice {invoice.DisplayNumber} issued",
        $"Invoice {invoice.DisplayNumber} for {Dollars(invoice.TotalMicros)} is due {Day(invoice.DueAt)}. Your default payment method will be charged.",
        "billing/invoices");

    public static NotificationRequest TrialEnding(Guid workspaceId, DateTime trialEndsAt, DateTime now)
    {
        var days = Math.Max(1, (int)Math.Ceiling((trialEndsAt - now).TotalDays));
        return new(workspaceId, NotificationTypes.TrialEnding, $"trial:{trialEndsAt:yyyyMMddHHmmss}:ending",
            $"Your trial ends in {days} day{(days == 1 ? "" : "s")}",
            $"Your trial ends {Day(trialEndsAt)}. Add a payment method to keep your plan, or switch to Free.", "billing/payment");
    }

    public static NotificationRequest TrialExpired(Guid workspaceId, DateTime trialEndsAt) => new(workspaceId, NotificationTypes.TrialExpired,
        $"trial:{trialEndsAt:yyyyMMddHHmmss}:expired", "Your trial has ended",
        "New agent runs are paused until you add a payment method or switch to the Free plan. Nothing has been deleted.", "billing/payment");

    private static string Dollars(long micros) => new Domain.Money(micros).Format(CultureInfo.InvariantCulture);

    private static string Day(DateTime at) => Domain.Text.DateText.Day(at);
}
