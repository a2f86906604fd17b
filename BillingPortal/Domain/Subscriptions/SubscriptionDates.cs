namespace BillingPortal.Domain.Subscriptions;

/// <summary>
/// The dates a subscription promises, from the one rule the billing worker follows (<c>BillingPeriodService</c>), so
/// the Overview, the plan dialogs, notices and the worker never disagree:
/// <list type="bullet">
/// <item>Active (or past due, paused): the plan, the allowance and a pending downgrade all change at the period's
/// end, and that is when the next invoice is issued.</item>
/// <item>In a trial with a usable card: the trial converts at its end (or at the period's end, if that comes first):
/// the allowance resets, a pending downgrade applies and the first invoice is issued then. A card added after the
/// trial ended converts it at once, when the worker next runs (now).</item>
/// <item>In a trial without a card: nothing is charged at the trial's end (runs are refused until a card is added);
/// the allowance resets and a pending downgrade applies at the period's end.</item>
/// </list>
/// </summary>
/// <param name="ChangesAt">When the allowance resets and a pending plan change applies.</param>
/// <param name="ChargesAt">When the next invoice is issued; null in a trial without a card, which is never charged.</param>
public sealed record SubscriptionDates(DateTime ChangesAt, DateTime? ChargesAt)
{
    /// <param name="usableCardSince">Since when a card the worker will accept has been on file; null when there is none.</param>
    public static SubscriptionDates For(Subscription subscription, DateTime? usableCardSince, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (subscription.Status != SubscriptionStatus.Trial || subscription.TrialEndsAt is not { } trialEnd)
            return new(subscription.CurrentPeriodEnd, subscription.CurrentPeriodEnd);
        if (usableCardSince is not { } cardSince)
            return new(subscription.CurrentPeriodEnd, null);
        // Paid from the trial's end if the card was there by then, otherwise from when the worker sees it.
        var converts = cardSince <= trialEnd ? trialEnd : now;
        return new(converts < subscription.CurrentPeriodEnd ? converts : subscription.CurrentPeriodEnd, converts);
    }
}
