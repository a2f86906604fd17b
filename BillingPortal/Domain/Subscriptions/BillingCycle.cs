namespace BillingPortal.Domain.Subscriptions;

/// <summary>
/// Monthly billing periods counted from an anchor: period k ends at <c>anchor.AddMonths(k)</c>. Counting from the
/// anchor (never from the previous end) keeps a Jan 31 anchor at Feb 28, then Mar 31: a short month does not pull
/// every later period to the 28th. Pure: the time is passed in.
/// </summary>
public static class BillingCycle
{
    /// <summary>The end of period <paramref name="index"/> (from 1): the anchor plus that many months, clamped to the month's last day.</summary>
    public static DateTime PeriodEnd(DateTime anchor, int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(index, 1);
        return anchor.AddMonths(index);
    }

    /// <summary>The first period of a new anchor: [anchor, anchor + 1 month).</summary>
    public static (DateTime Start, DateTime End) FirstPeriod(DateTime anchor) => (anchor, anchor.AddMonths(1));

    /// <summary>
    /// The end of the period that follows the one ending at <paramref name="periodEnd"/>: the first anchor month strictly
    /// after it. Works for an end that is not itself on the anchor's cycle (an anchor moved by a conversion).
    /// </summary>
    public static DateTime NextPeriodEnd(DateTime anchor, DateTime periodEnd)
    {
        // Start from the whole months between the two, which is at most one off, and step to the first end after.
        var index = Math.Max(1, (periodEnd.Year - anchor.Year) * 12 + periodEnd.Month - anchor.Month);
        while (index > 1 && anchor.AddMonths(index - 1) > periodEnd)
            index--;
        while (anchor.AddMonths(index) <= periodEnd)
            index++;
        return anchor.AddMonths(index);
    }

    /// <summary>
    /// How many periods have ended by <paramref name="now"/>, starting with the current one ending at
    /// <paramref name="currentPeriodEnd"/>: 0 while it runs, 3 when the worker was down for three period ends.
    /// </summary>
    public static int PeriodsEndedBy(DateTime anchor, DateTime currentPeriodEnd, DateTime now)
    {
        var count = 0;
        for (var end = currentPeriodEnd; end <= now; end = NextPeriodEnd(anchor, end))
            count++;
        return count;
    }

    /// <summary>
    /// The part of [<paramref name="start"/>, <paramref name="end"/>) still to come at <paramref name="now"/>, as a
    /// fraction in ticks, so a prorated amount is computed as <c>amount * Numerator / Denominator</c> and rounded once.
    /// 1 before the period starts, 0 after it ends.
    /// </summary>
    public static (long Numerator, long Denominator) RemainingFraction(DateTime start, DateTime end, DateTime now)
    {
        if (end <= start)
            throw new ArgumentException($"A period must end after it starts ({start:O} – {end:O}).", nameof(end));
        var length = (end - start).Ticks;
        var remaining = Math.Clamp((end - now).Ticks, 0, length);
        return (remaining, length);
    }
}
