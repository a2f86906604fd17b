using System.Globalization;
using BillingPortal.Domain;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Invoices.Collection;

namespace BillingPortal.Features.Plans;

/// <summary>Where the workspace's subscription stands, for the plans page.</summary>
/// <param name="HasUsableCard">A default card on file, not removed and not expired: upgrades are charged to it.</param>
public sealed record PlanStatus(Subscription Subscription, bool HasUsableCard, DateTime Now)
{
    public Plan Current => Subscription.Plan;
    public Plan? Pending => Subscription.PendingPlan;
    public bool InTrial => Subscription.Status == SubscriptionStatus.Trial;

    /// <summary>When a downgrade would apply and the allowance reset, by the rule the worker follows.</summary>
    public required SubscriptionDates Dates { get; init; }
    /// <summary>The default card, as the page names it, when it can be charged; null when there is none.</summary>
    public string? DefaultCard { get; init; }

    /// <summary>What the running trial's end will do (charge which card how much, or a card is needed); null outside a trial.</summary>
    public TrialEndNotice? TrialEnd => TrialEndNotice.For(Subscription, Dates, DefaultCard, Now);

    /// <summary>What the downgrade dialog promises: the plan stays until the worker switches it (<see cref="Dates"/>).</summary>
    public string DowngradePromise(Plan target) =>
        $"{Current.Name} stays until {Domain.Text.DateText.Day(Dates.ChangesAt)}; then the workspace moves to {target.Name} " +
        $"with {target.MonthlyAllowance.Format(CultureInfo.CurrentCulture)} of usage a month. You can cancel this until then.";

    /// <summary>
    /// The downgrade button's words: a downgrade waits for the day <see cref="Dates"/> names, which in a running trial
    /// with a card is the trial's end, not the period's.
    /// </summary>
    public string DowngradeAction => InTrial && !TrialExpired && Dates.ChangesAt == Subscription.TrialEndsAt ? "Downgrade at trial end" : "Downgrade at period end";

    public bool TrialExpired => Subscription.TrialExpired(Now);
    public int? TrialDaysLeft => Subscription.TrialDaysLeft(Now);
}

/// <summary>What an upgrade would do, shown before it is confirmed; computed by the code that charges it.</summary>
/// <param name="Refusal">Why it may not happen; null when it may.</param>
public sealed record UpgradePreview(PlanChangeKind Kind, Plan Target, Money Charge, Money AllowanceAdded, DateTime PeriodEnd, string? Refusal)
{
    public bool Allowed => Refusal is null;
}

/// <summary>The outcome of a plan change: a message for the person, and the invoice an upgrade issued.</summary>
/// <param name="Replayed">The request key had done this before; nothing new happened.</param>
public sealed record PlanChangeResult(bool Succeeded, string Message, Guid? InvoiceId = null, Money Charged = default, bool Replayed = false,
    InvoiceCollectionOutcome? Collection = null)
{
    public static PlanChangeResult Refused(string message) => new(false, message);
}
