using System.Globalization;
using BillingPortal.Domain.Text;

namespace BillingPortal.Domain.Subscriptions;

/// <summary>
/// What happens when a running trial ends, said where a plan is chosen so that "Choose a plan" never ends in a page
/// that is silent about it: which card is charged how much and when, or that a card is needed. It follows the dates
/// the worker keeps (<see cref="SubscriptionDates"/>) and the card the invoice collector charges (the default one).
/// </summary>
/// <param name="NeedsCard">Nothing can be charged: the page offers to add a card.</param>
public sealed record TrialEndNotice(string Text, bool NeedsCard)
{
    /// <param name="defaultCard">The default card as the page names it ("Visa •••• 4242"), when it is usable now; else null.</param>
    public static TrialEndNotice? For(Subscription subscription, SubscriptionDates dates, string? defaultCard, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(dates);
        if (subscription is not { Status: SubscriptionStatus.Trial, TrialEndsAt: { } end } || end <= now)
            return null;
        var day = DateText.Day(end);
        var next = subscription.PendingPlan ?? subscription.Plan;
        var free = next.MonthlyPrice.Micros == 0;
        if (dates.ChargesAt is null || defaultCard is null)
        {
            if (free)
                return new($"The trial ends on {day}. Without a card, new agent runs are refused from then until the workspace moves to {next.Name} on {DateText.Day(dates.ChangesAt)}.", true);
            // A card that the dates say cannot be charged at the trial's end is on file but expires before it.
            return defaultCard is null
                ? new($"No card is on file. Add one before the trial ends on {day} to stay on {next.Name}; without one, new agent runs are refused from then.", true)
                : new($"{defaultCard} expires before the trial ends on {day}. Add a card that is valid then to stay on {next.Name}; without one, new agent runs are refused from then.", true);
        }
        if (free)
            return new($"When the trial ends on {day}, the workspace moves to {next.Name}. Nothing will be charged.", false);
        var price = MoneyFormat.Rounded(next.MonthlyPrice, CultureInfo.InvariantCulture);
        return new($"When the trial ends on {day}, {defaultCard} will be charged {price} for the first month of {next.Name}, plus any usage over the allowance.", false);
    }
}
