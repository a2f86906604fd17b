using BillingPortal.Domain.Invoices;

namespace BillingPortal.Features.Subscriptions;

public enum RolloverOutcome
{
    /// <summary>Nothing has fallen due: the period runs, or the trial has days left.</summary>
    NothingDue,
    /// <summary>A period ended: invoiced (unless a Free period had nothing to bill), allowance reset, period advanced.</summary>
    PeriodClosed,
    /// <summary>An ended trial with a usable card became Active, with a new period and its first invoice.</summary>
    TrialConverted,
    /// <summary>The trial ends within <see cref="Domain.Subscriptions.BillingTerms.TrialEndingNotice"/>; the managers were told.</summary>
    TrialEnding,
    /// <summary>The trial ended and no usable card is on file: nothing changed; runs are refused until one is added.</summary>
    TrialExpiredWithoutCard,
    NotFound,
}

/// <summary>What one <see cref="BillingPeriodService.RollOverAsync"/> step did.</summary>
/// <param name="Invoice">The invoice the step issued, or null (nothing to bill, or no step taken).</param>
public sealed record PeriodRollover(RolloverOutcome Outcome, Invoice? Invoice = null)
{
    /// <summary>True when the step changed the subscription, so another call may find the next period due (catch-up).</summary>
    public bool MadeProgress => Outcome is RolloverOutcome.PeriodClosed or RolloverOutcome.TrialConverted;
}
