namespace BillingPortal.Components.Account;

/// <summary>Words for "when can I try again" on the lockout page.</summary>
internal static class LockoutWait
{
    /// <param name="until">When the lock ends, if known (the login page passes it along).</param>
    /// <param name="now">The current time.</param>
    /// <param name="usualLockout">Identity's lockout duration, said when the end is unknown.</param>
    public static string Describe(DateTimeOffset? until, DateTimeOffset now, TimeSpan usualLockout)
    {
        if (until is not { } end)
            return $"Try again in {Minutes(usualLockout)}.";
        var remaining = end - now;
        if (remaining <= TimeSpan.Zero)
            return "The lock has ended: you can log in again.";
        // Rounded, not ceiled: the page is read a moment after the lock starts, and "16 minutes" for a 15-minute lock reads wrong.
        return remaining < TimeSpan.FromHours(1)
            ? $"Try again in {Minutes(remaining)} (after {BillingPortal.Domain.Text.DateText.Time(end.UtcDateTime)})."
            : $"Try again after {BillingPortal.Domain.Text.DateText.Moment(end.UtcDateTime)}.";
    }

    private static string Minutes(TimeSpan span)
    {
        var minutes = Math.Max(1, (int)Math.Round(span.TotalMinutes, MidpointRounding.AwayFromZero));
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }
}
