using System.Globalization;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Subscriptions;

namespace BillingPortal.Features.Subscriptions.Status;

/// <summary>
/// Which banner, if any, a person sees about the workspace's subscription. Pure: the standing, the person's access and
/// the time are passed in. Only billing readers see one; only billing managers get links to act.
/// </summary>
public static class BannerRules
{
    public const string PaymentPage = "billing/payment";
    public const string PlansPage = "billing/plans";
    private const string AskAManager = "Ask a workspace Owner or Admin to take care of it.";

    public static Banner? For(SubscriptionStanding? standing, bool canReadBilling, bool canManageBilling, DateTime utcNow, CultureInfo culture)
    {
        if (standing is null || !canReadBilling)
            return null;
        var banner = Decide(standing, utcNow, culture);
        if (banner is null || canManageBilling)
            return banner;
        // Read-only people learn what is going on, but get no buttons they could not use.
        return banner with { Links = [], Note = banner.Tone == BannerTone.Info ? null : AskAManager };
    }

    private static Banner? Decide(SubscriptionStanding s, DateTime now, CultureInfo culture)
    {
        string Day(DateTime at) => Domain.Text.DateText.Day(at);
        var plan = s.Plan.Name;
        switch (s.Status)
        {
            case SubscriptionStatus.Paused:
                return new(BannerKind.Paused, BannerTone.Error,
                    $"Your subscription is paused: {Owed(s, culture)} has been unpaid since {Day(s.OldestOverdue?.DueAt ?? s.PastDueSince ?? s.PausedAt ?? now)}. "
                    + "Agent runs stay paused until it is paid.",
                    [new("Pay now on the payment page", PaymentPage)]);
            case SubscriptionStatus.PastDue:
                return new(BannerKind.PastDue, BannerTone.Warning,
                    $"{Capitalised(Owed(s, culture))} {(s.OverdueCount > 1 ? "are" : "is")} past due since {Day(s.PastDueSince ?? s.OldestOverdue?.DueAt ?? now)}. "
                    + $"Agent runs are paused until {(s.OverdueCount > 1 ? "they are" : "it is")} paid.",
                    [new("Update payment method", PaymentPage)]);
            case SubscriptionStatus.Trial when s.TrialEndsAt is { } end && end <= now:
                return s.HasUsableCard
                    ? new(BannerKind.TrialConverting, BannerTone.Info,
                        $"Your {plan} trial ended on {Day(end)}. Your {plan} subscription starts now and is charged to the card on file.",
                        [new("Choose a plan", PlansPage)])
                    : new(BannerKind.TrialExpired, BannerTone.Error,
                        $"Your {plan} trial ended on {Day(end)}. New agent runs are paused until you add a payment method or switch to Free.",
                        [new("Add a payment method", PaymentPage), new("Switch to Free on the plans page", PlansPage)]);
            case SubscriptionStatus.Trial when s.TrialEndsAt is { } end:
                return new(BannerKind.TrialRunning, end - now <= BillingTerms.TrialEndingNotice ? BannerTone.Warning : BannerTone.Info,
                    $"Your {plan} trial ends {When(end, now)} ({Day(end)}).",
                    s.HasUsableCard ? [new("Choose a plan", PlansPage)] : [new("Add a payment method", PaymentPage), new("Choose a plan", PlansPage)]);
            default:
                return null;
        }
    }

    /// <summary>"today", "tomorrow" or "in 9 days", counted in whole calendar days (UTC) so the wording matches the date shown.</summary>
    public static string When(DateTime end, DateTime now) => (end.Date - now.Date).Days switch
    {
        <= 0 => "today",
        1 => "tomorrow",
        var days => $"in {days} days",
    };

    // "invoice INV-000012 for $49.00", or "2 invoices totalling $98.00"; Past Due without an invoice row reads generally.
    private static string Owed(SubscriptionStanding s, CultureInfo culture) => s switch
    {
        { OverdueCount: > 1 } => $"{s.OverdueCount} invoices totalling {new Money(s.OverdueTotalMicros).Format(culture)}",
        { OldestOverdue: { } invoice } => $"invoice {Invoice.Format(invoice.Number)} for {new Money(invoice.TotalMicros).Format(culture)}",
        _ => "an invoice",
    };

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
