using BillingPortal.Domain;
using BillingPortal.Domain.Budgets;

namespace BillingPortal.Features.Metering;

/// <summary>Why a new run is refused; the API's <c>reason</c> values.</summary>
public static class RunRefusal
{
    public const string CreditsDepleted = "credits_depleted";
    public const string TrialExpired = "trial_expired";
    public const string PastDue = "past_due";
    public const string BudgetExceeded = "budget_exceeded";
}

/// <summary>Whether a workspace may start another agent run: the point where metering fails closed.</summary>
public static class RunAdmission
{
    /// <summary>
    /// Null when the run may start, otherwise a <see cref="RunRefusal"/> reason. An ended trial refuses runs until a
    /// usable card is on file (<paramref name="hasPaymentMethod"/>), which lets the subscription convert to paid. A paused
    /// subscription (Past Due for too long) is refused as <c>past_due</c>: paying its invoice is what resumes it.
    /// </summary>
    /// <remarks>
    /// Active holds (<paramref name="heldMicros"/>) are taken off what is available; a run with an estimate needs room for
    /// all of it (<see cref="HoldRules.Fits"/>).
    /// </remarks>
    public static string? Refusal(SubscriptionStatus? status, DateTime? trialEndsAt, long allowanceRemainingMicros, long creditBalanceMicros, DateTime now,
        bool hasPaymentMethod = false, long heldMicros = 0, long estimateMicros = 0)
    {
        if (status is SubscriptionStatus.PastDue or SubscriptionStatus.Paused)
            return RunRefusal.PastDue;
        if (status == SubscriptionStatus.Trial && trialEndsAt is { } end && end <= now && !hasPaymentMethod)
            return RunRefusal.TrialExpired;
        if (!HoldRules.Fits(HoldRules.Available(allowanceRemainingMicros, creditBalanceMicros, heldMicros), estimateMicros))
            return RunRefusal.CreditsDepleted;
        return null;
    }
}
