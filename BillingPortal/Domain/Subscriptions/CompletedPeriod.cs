namespace BillingPortal.Domain.Subscriptions;

/// <summary>A billing period that has ended: [Start, End) in UTC.</summary>
public sealed record CompletedPeriod(DateTime Start, DateTime End);

/// <summary>
/// Which billing period ended last, by the billing cycle's months (<see cref="BillingCycle"/>). The subscription keeps
/// only its current period, so the one before is the cycle's month before it; a period that started before the
/// workspace opened is not complete (the workspace had only part of it), and a new workspace has none until its first
/// period ends. Pure: the time is passed in.
/// </summary>
public static class CompletedPeriods
{
    /// <summary>
    /// The most recent period that ended by <paramref name="now"/>: the current one when its end has passed (the billing
    /// worker has not rolled it over yet), otherwise the cycle's period just before it. Null when that period started
    /// before <paramref name="openedAt"/>.
    /// </summary>
    public static CompletedPeriod? Last(DateTime anchor, DateTime currentStart, DateTime currentEnd, DateTime openedAt, DateTime now)
    {
        if (currentEnd <= currentStart)
            throw new ArgumentException($"A period must end after it starts ({currentStart:O} – {currentEnd:O}).", nameof(currentEnd));
        CompletedPeriod period;
        if (currentEnd <= now)
        {
            // Caught up past several ends (the worker was down): the last of them.
            period = new CompletedPeriod(currentStart, currentEnd);
            for (var next = BillingCycle.NextPeriodEnd(anchor, period.End); next <= now; next = BillingCycle.NextPeriodEnd(anchor, period.End))
                period = new CompletedPeriod(period.End, next);
        }
        else
        {
            period = new CompletedPeriod(PreviousStart(anchor, currentStart), currentStart);
        }
        return period.Start >= openedAt ? period : null;
    }

    /// <summary>When the first complete period will end, for a workspace that has none yet: the next period end after <paramref name="now"/>.</summary>
    public static DateTime NextEnd(DateTime anchor, DateTime currentEnd, DateTime now)
    {
        var end = currentEnd;
        while (end <= now)
            end = BillingCycle.NextPeriodEnd(anchor, end);
        return end;
    }

    /// <summary>The latest month on the anchor's cycle strictly before <paramref name="start"/> (the anchor's months extend backwards too).</summary>
    private static DateTime PreviousStart(DateTime anchor, DateTime start)
    {
        // Whole months between the two is at most one off either way (AddMonths clamps to a month's last day).
        var months = (start.Year - anchor.Year) * 12 + start.Month - anchor.Month;
        while (anchor.AddMonths(months) >= start)
            months--;
        while (anchor.AddMonths(months + 1) < start)
            months++;
        return anchor.AddMonths(months);
    }
}
