namespace BillingPortal.Domain.Usage;

/// <summary>How the spend-by-day chart groups its bars.</summary>
public enum DayGrouping
{
    Day,
    /// <summary>ISO weeks: Monday to Sunday, UTC days.</summary>
    Week,
    Month,
}

/// <summary>One bar of the chart: the UTC days <see cref="First"/> to <see cref="Last"/> (both included).</summary>
public sealed record UsageBucket(DateOnly First, DateOnly Last);

/// <summary>
/// A range of up to 35 days is drawn a bar a day; longer ones a bar an ISO week (Monday first, UTC days) up to 120
/// days, and a bar a calendar month beyond, so a 90-day or year range stays readable. The first and last buckets
/// are cut to the range, and every day's amount lands in exactly one bucket: the totals are the same.
/// </summary>
public static class UsageBuckets
{
    public const int MaxDailyDays = 35;
    public const int MaxWeeklyDays = 120;

    /// <summary>The grouping for a range of <paramref name="days"/> days.</summary>
    public static DayGrouping For(int days) =>
        days <= MaxDailyDays ? DayGrouping.Day : days <= MaxWeeklyDays ? DayGrouping.Week : DayGrouping.Month;

    /// <summary>The first day of the bucket holding <paramref name="day"/>: itself, its week's Monday or its month's 1st.</summary>
    public static DateOnly StartOf(DateOnly day, DayGrouping grouping) => grouping switch
    {
        DayGrouping.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        DayGrouping.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    /// <summary>The buckets covering <paramref name="first"/> to <paramref name="last"/>, in order, cut to the range.</summary>
    public static IReadOnlyList<UsageBucket> Of(DateOnly first, DateOnly last, DayGrouping grouping)
    {
        var buckets = new List<UsageBucket>();
        for (var start = first; start <= last;)
        {
            var next = grouping switch
            {
                DayGrouping.Week => StartOf(start, grouping).AddDays(7),
                DayGrouping.Month => StartOf(start, grouping).AddMonths(1),
                _ => start.AddDays(1),
            };
            var end = next.AddDays(-1) < last ? next.AddDays(-1) : last;
            buckets.Add(new UsageBucket(start, end));
            start = next;
        }
        return buckets;
    }

    /// <summary>
    /// Sums per-day amounts (<paramref name="daily"/>[i] is day <paramref name="first"/> + i) into the buckets
    /// that <see cref="Of"/> gives for the same range.
    /// </summary>
    public static long[] Sum(IReadOnlyList<long> daily, DateOnly first, IReadOnlyList<UsageBucket> buckets)
    {
        var sums = new long[buckets.Count];
        for (var b = 0; b < buckets.Count; b++)
        {
            for (var day = buckets[b].First; day <= buckets[b].Last; day = day.AddDays(1))
            {
                var i = day.DayNumber - first.DayNumber;
                if (i >= 0 && i < daily.Count)
                    sums[b] += daily[i];
            }
        }
        return sums;
    }
}
