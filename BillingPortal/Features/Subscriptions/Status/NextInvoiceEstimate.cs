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
public sealed record NextInvoiceEstimate(
    DateTime IssuesOn,
    string PlanCode,
    string PlanName,
    DateTime UsageStart,
    IReadOnlyList<InvoiceLineSpec> Lines,
    DateTime PlanPeriodEnd = default)
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
    /// The estimate for <paramref name="subscription"/> at <paramref name="utcNow"/>, given the usage read from the
    /// ledger since <see cref="Subscription.CurrentPeriodStart"/> and the credit balance now.
    /// </summary>
    public static NextInvoiceEstimate For(Subscription subscription, PeriodUsage usageSoFar, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(usageSoFar);
        var plan = subscription.PendingPlan ?? subscription.Plan;
        var (issuesOn, nextEnd) = subscription is { Status: SubscriptionStatus.Trial, TrialEndsAt: { } trialEnd }
            // A trial converts at its end (or, once past, as soon as the worker sees a card), starting a fresh anchor.
            ? (Max(trialEnd, utcNow), Max(trialEnd, utcNow).AddMonths(1))
            : (subscription.CurrentPeriodEnd, BillingCycle.NextPeriodEnd(subscription.BillingAnchor, subscription.CurrentPeriodEnd));
        var lines = PeriodCharges.Lines(plan, issuesOn, nextEnd, subscription.CurrentPeriodStart, issuesOn, usageSoFar);
        return new NextInvoiceEstimate(issuesOn, plan.Code, plan.Name, subscription.CurrentPeriodStart, lines, nextEnd);
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}
