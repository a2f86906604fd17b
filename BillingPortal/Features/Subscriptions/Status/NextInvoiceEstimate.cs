using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Subscriptions;

namespace BillingPortal.Features.Subscriptions.Status;

/// <summary>
/// What the next period invoice will roughly be if nothing else happens before it is issued: the lines
/// <see cref="PeriodCharges.Lines"/> gives for the usage so far, the same rule the billing-period worker applies when
/// the period ends, so the Overview's estimate and the invoice never disagree on how they are worked out.
/// </summary>
/// <param name="IssuesOn">When it is issued: the trial's end during a trial (or now, once it has passed), else the period's end (UTC).</param>
/// <param name="PlanCode">The plan it bills: a pending downgrade's, else the current one.</param>
/// <param name="UsageStart">The start of the usage it covers: the current period's start.</param>
/// <param name="Lines">Every line, counted or listed; <see cref="TotalMicros"/> sums the counted ones.</param>
/// <param name="PlanPeriodEnd">The end of the period the plan fee pays for, which starts at <paramref name="IssuesOn"/>.</param>
/// <param name="AwaitsCard">A trial without a usable card: it is issued on <paramref name="IssuesOn"/> only if a card is on
/// file by then (<see cref="SubscriptionDates.ChargesAt"/> is null); otherwise nothing is charged.</param>
public sealed record NextInvoiceEstimate(
    DateTime IssuesOn,
    string PlanCode,
    string PlanName,
    DateTime UsageStart,
    IReadOnlyList<InvoiceLineSpec> Lines,
    DateTime PlanPeriodEnd = default,
    bool AwaitsCard = false)
{
    public long PlanFeeMicros => Lines.Where(l => l.Kind == InvoiceLineKind.PlanFee).Sum(l => l.AmountMicros);

    public long OverageMicros => Lines.Where(l => l.Kind == InvoiceLineKind.Overage).Sum(l => l.AmountMicros);

    public long TotalMicros => PeriodCharges.Total(Lines);

    /// <summary>A Free period with nothing to bill issues no invoice at all (the allowance still resets).</summary>
    public bool IssuesNothing => TotalMicros == 0;

    /// <summary>The periods the invoice will name, as an issued one does (<see cref="InvoicePeriods"/>): the plan fee's, then the usage's.</summary>
    public IReadOnlyList<InvoicePeriod> Periods =>
    [
        new(InvoicePeriods.PlanFee, IssuesOn, PlanPeriodEnd),
        new(InvoicePeriods.Usage, UsageStart, IssuesOn),
    ];

    /// <summary>
    /// The estimate for <paramref name="subscription"/> at <paramref name="utcNow"/>, given its <paramref name="dates"/>
    /// (<see cref="SubscriptionDates"/>: the invoice is issued at <see cref="SubscriptionDates.ChargesAt"/>), the usage read
    /// from the ledger since <see cref="Subscription.CurrentPeriodStart"/> and the credit balance now.
    /// </summary>
    public static NextInvoiceEstimate For(Subscription subscription, SubscriptionDates dates, PeriodUsage usageSoFar, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(dates);
        ArgumentNullException.ThrowIfNull(usageSoFar);
        var plan = subscription.PendingPlan ?? subscription.Plan;
        // A trial converts at its end (or, once past, as soon as the worker sees a card), starting a fresh anchor; without
        // a card, this is the invoice a card added in time would bring.
        var trialEnd = subscription is { Status: SubscriptionStatus.Trial, TrialEndsAt: { } end } ? end : (DateTime?)null;
        var issuesOn = dates.ChargesAt ?? Max(trialEnd ?? subscription.CurrentPeriodEnd, utcNow);
        var nextEnd = trialEnd is null ? BillingCycle.NextPeriodEnd(subscription.BillingAnchor, subscription.CurrentPeriodEnd) : issuesOn.AddMonths(1);
        var awaitsCard = trialEnd is not null && dates.ChargesAt is null;
        var lines = PeriodCharges.Lines(plan, issuesOn, nextEnd, subscription.CurrentPeriodStart, issuesOn, usageSoFar);
        return new NextInvoiceEstimate(issuesOn, plan.Code, plan.Name, subscription.CurrentPeriodStart, lines, nextEnd, awaitsCard);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
