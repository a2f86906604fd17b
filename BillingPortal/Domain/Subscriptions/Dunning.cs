using BillingPortal.Domain.Invoices;

namespace BillingPortal.Domain.Subscriptions;

/// <summary>
/// The rules for collecting an unpaid invoice: when to try the card again, when the invoice and its workspace are
/// Past Due, when Past Due becomes Paused, and when paying resumes the workspace. Pure, so the collector, the
/// settlement and the tests share one reading of <see cref="BillingTerms"/>.
/// </summary>
public static class Dunning
{
    /// <summary>
    /// When to charge again after the <paramref name="failedAttempts"/>-th failed attempt (1-based), per
    /// <see cref="BillingTerms.RetryAfter"/>; null once the retries are used up (then only "Pay now" or a new card).
    /// </summary>
    public static DateTime? NextAttemptAfterFailure(int failedAttempts, DateTime failedAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        return failedAttempts <= BillingTerms.RetryAfter.Count ? failedAt + BillingTerms.RetryAfter[failedAttempts - 1] : null;
    }

    /// <summary>An Open invoice still unpaid at its due date becomes Past Due.</summary>
    public static bool IsOverdue(InvoiceStatus status, DateTime dueAt, DateTime utcNow) =>
        status == InvoiceStatus.Open && dueAt <= utcNow;

    /// <summary>
    /// What an overdue invoice does to its subscription: Trial or Active become Past Due since the due date; one
    /// already Past Due or Paused keeps its earlier date (the clock to Paused does not restart).
    /// </summary>
    public static bool MarkPastDue(Subscription subscription, DateTime dueAt)
    {
        if (subscription.Status is SubscriptionStatus.PastDue or SubscriptionStatus.Paused)
            return false;
        subscription.Status = SubscriptionStatus.PastDue;
        subscription.PastDueSince = dueAt;
        return true;
    }

    /// <summary>When a Past Due subscription is paused: <see cref="BillingTerms.PauseAfterPastDue"/> after it fell due.</summary>
    public static DateTime PausesAt(DateTime pastDueSince) => pastDueSince + BillingTerms.PauseAfterPastDue;

    public static bool ShouldPause(SubscriptionStatus status, DateTime? pastDueSince, DateTime utcNow) =>
        status == SubscriptionStatus.PastDue && pastDueSince is { } since && PausesAt(since) <= utcNow;

    /// <summary>
    /// Paying an invoice resumes a Past Due or Paused subscription when no other Past Due invoice is left; returns
    /// whether it resumed. Trial and Active are left as they are.
    /// </summary>
    public static bool ResumeOnPayment(Subscription subscription, int otherPastDueInvoices)
    {
        if (subscription.Status is not (SubscriptionStatus.PastDue or SubscriptionStatus.Paused) || otherPastDueInvoices > 0)
            return false;
        subscription.Status = SubscriptionStatus.Active;
        subscription.PastDueSince = null;
        subscription.PausedAt = null;
        return true;
    }

    /// <summary>Invoices are issued in whole cents, which is all a card can be charged; anything else is a bug upstream.</summary>
    public static void EnsureChargeable(long totalMicros)
    {
        if (totalMicros <= 0 || totalMicros % Money.MicrosPerCent != 0)
            throw new InvalidOperationException($"An invoice total of {totalMicros} µ$ cannot be charged: it must be a positive whole number of cents.");
    }
}
