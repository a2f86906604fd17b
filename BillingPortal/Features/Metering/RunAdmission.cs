using BillingPortal.Domain;

namespace BillingPortal.Features.Metering;

/// <summary>Why a new run is refused; the API's <c>reason</c> values.</summary>
public static class RunRefusal
{
    public const string CreditsDepleted = "credits_depleted";
    public const string TrialExpired = "trial_expired";
    public const string PastDue = "past_due";
}

/// <summary>Whether a workspace may start another agent run: the point where metering fails closed.</summary>
public static class RunAdmission
{
    /// <summary>
    /// Null when the run may start, otherwise a <see cref="RunRefusal"/> reason. An ended trial refuses runs until a
    /// usable card is on file (<paramref name="hasPaymentMethod"/>), which lets the subscription convert to paid. A paused
    /// subscription (Past Due for too long) is refused as <c>past_due</c>: paying its invoice is what resumes it.
    /// </summary>
    public static string? Refusal(SubscriptionStatus? status, DateTime? trialEndsAt, long allowanceRemainingMicros, long creditBalanceMicros, DateTime now, bool hasPaymentMethod = false)
    {
        if (status is SubscriptionStatus.PastDue or SubscriptionStatus.Paused)
            return RunRefusal.PastDue;
        if (status == SubscriptionStatus.Trial && trialEndsAt is { } end && end <= now && !hasPaymentMethod)
            return RunRefusal.TrialExpired;
        // Compared as Int128 so extreme balances cannot overflow into "allowed".
        if ((Int128)allowanceRemainingMicros + creditBalanceMicros <= 0)
            return RunRefusal.CreditsDepleted;
        return null;
    }
}
