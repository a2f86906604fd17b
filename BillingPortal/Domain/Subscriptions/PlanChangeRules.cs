namespace BillingPortal.Domain.Subscriptions;

/// <summary>How a plan change to <see cref="Target"/> is carried out, or why it is refused.</summary>
public enum PlanChangeKind
{
    Refused,
    /// <summary>During a trial: the plan switches, nothing is charged (the trial's conversion bills the new plan).</summary>
    TrialSwitch,
    /// <summary>Mid-period: a prorated invoice for the rest of the period and a raised allowance.</summary>
    ProratedUpgrade,
    /// <summary>Recorded as pending and applied at the period's end.</summary>
    ScheduledDowngrade,
}

public sealed record PlanChangeDecision(PlanChangeKind Kind, Plan Target, string? Refusal = null)
{
    public bool Allowed => Kind != PlanChangeKind.Refused;
}

/// <summary>Who may move to which plan, and how. Pure: the subscription, the card situation and the time are passed in.</summary>
public static class PlanChangeRules
{
    /// <param name="hasUsableCard">A default card on file that is not removed and not expired.</param>
    public static PlanChangeDecision Upgrade(Subscription subscription, Plan target, bool hasUsableCard, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(target);
        var current = subscription.Plan;
        if (target.Code == current.Code)
            return Refuse(target, $"This workspace is already on {current.Name}.");
        if (target.ContactSales)
            return Refuse(target, $"{target.Name} is arranged with our sales team: use Contact sales.");
        if (target.Rank < current.Rank)
            return Refuse(target, $"{target.Name} is a downgrade: schedule it for the end of the period instead.");
        if (subscription.Status is SubscriptionStatus.PastDue or SubscriptionStatus.Paused)
            return Refuse(target, "This workspace has an unpaid invoice. Pay it on the Payment page first, then upgrade.");
        if (subscription.Status == SubscriptionStatus.Trial)
        {
            // A running trial switches freely; an ended one is billed the moment a card exists, so it needs one.
            if (subscription.TrialExpired(now) && !hasUsableCard)
                return Refuse(target, "The trial has ended. Add a payment method first: the plan is charged to your default card.");
            return new PlanChangeDecision(PlanChangeKind.TrialSwitch, target);
        }
        if (!hasUsableCard)
            return Refuse(target, "Add a payment method first: the upgrade is charged to your default card.");
        if (now >= subscription.CurrentPeriodEnd)
            return Refuse(target, "The billing period is closing right now. Try again in a minute.");
        return new PlanChangeDecision(PlanChangeKind.ProratedUpgrade, target);
    }

    public static PlanChangeDecision Downgrade(Subscription subscription, Plan target)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(target);
        var current = subscription.Plan;
        if (target.Code == current.Code)
            return Refuse(target, $"This workspace is already on {current.Name}.");
        if (target.Rank > current.Rank)
            return Refuse(target, $"{target.Name} is an upgrade: it takes effect at once with Upgrade.");
        return new PlanChangeDecision(PlanChangeKind.ScheduledDowngrade, target);
    }

    /// <summary>An ended trial may move to Free at once, without a charge; a running trial or a paid plan may not this way.</summary>
    public static string? SwitchExpiredTrialToFree(Subscription subscription, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        if (!subscription.TrialExpired(now))
            return "Only a workspace whose trial has ended can switch to Free at once. Schedule a downgrade instead.";
        return null;
    }

    /// <summary>How an upgrade's invoice line reads: "Upgrade to Pro, prorated for 30 Nov – 21 Dec 2026" (the days it covers).</summary>
    public static string ProrationDescription(Plan target, DateTime from, DateTime to) =>
        $"Upgrade to {target.Name}, prorated for {Text.DateText.Period(from, to)}";

    private static PlanChangeDecision Refuse(Plan target, string why) => new(PlanChangeKind.Refused, target, why);
}
