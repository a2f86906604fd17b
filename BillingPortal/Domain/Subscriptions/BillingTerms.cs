namespace BillingPortal.Domain.Subscriptions;

/// <summary>The terms every workspace is billed on; one place, so the worker, the pages and the docs agree.</summary>
public static class BillingTerms
{
    /// <summary>An invoice falls due this long after it is issued; unpaid after that, the workspace is Past Due.</summary>
    public static readonly TimeSpan DueAfter = TimeSpan.FromDays(7);

    /// <summary>After a failed charge, the default payment method is tried again after each of these (then not until paid).</summary>
    public static readonly IReadOnlyList<TimeSpan> RetryAfter = [TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(5)];

    /// <summary>Past Due this long, the subscription is Paused (still refusing runs) until the workspace pays.</summary>
    public static readonly TimeSpan PauseAfterPastDue = TimeSpan.FromDays(14);

    /// <summary>Owners and Admins are told the trial is ending this long before it does.</summary>
    public static readonly TimeSpan TrialEndingNotice = TimeSpan.FromDays(3);
}
