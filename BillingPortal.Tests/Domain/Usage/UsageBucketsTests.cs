using BillingPortal.Domain.Usage;

namespace BillingPortal.Tests.Domain.Usage;

public sealed class UsageBucketsTests
{
    [Theory]
    [InlineData(1, DayGrouping.Day)]
    [InlineData(31, DayGrouping.Day)]
    [InlineData(35, DayGrouping.Day)]
    [InlineData(36, DayGrouping.Week)]
    [InlineData(90, DayGrouping.Week)]
    [InlineData(120, DayGrouping.Week)]
    [InlineData(121, DayGrouping.Month)]
    [InlineData(366, DayGrouping.Month)]
    public void For_ARangeLength_PicksDaysWeeksOrMonths(int days, DayGrouping expected) =>
        Assert.Equal(expected, UsageBuckets.For(days));

    [Theory]
    [InlineData("2026-12-07", "2026-12-07")] // a Monday is its own week's start
    [InlineData("2026-12-13", "2026-12-07")] // Sunday belongs to the week before it, as ISO has it
    [InlineData("2026-12-10", "2026-12-07")]
    [InlineData("2027-01-01", "2026-12-28")] // across a year
    public void StartOf_AWeek_IsItsMonday(string day, string monday) =>
        Assert.Equal(DateOnly.Parse(monday), UsageBuckets.StartOf(DateOnly.Parse(day), DayGrouping.Week));

    [Fact]
    public void Of_NinetyDaysByWeek_CutsTheFirstAndLastWeekToTheRange()
    {
        var first = new DateOnly(2026, 9, 9); // a Wednesday
        var last = first.AddDays(89);          // 7 Dec 2026, a Monday

        var buckets = UsageBuckets.Of(first, last, DayGrouping.Week);

        Assert.Equal(new UsageBucket(first, new DateOnly(2026, 9, 13)), buckets[0]);
        Assert.Equal(new UsageBucket(new DateOnly(2026, 9, 14), new DateOnly(2026, 9, 20)), buckets[1]);
        Assert.Equal(new UsageBucket(last, last), buckets[^1]);
        Assert.All(buckets.Skip(1).SkipLast(1), b => Assert.Equal(DayOfWeek.Monday, b.First.DayOfWeek));
        Assert.All(buckets.Skip(1).SkipLast(1), b => Assert.Equal(6, b.Last.DayNumber - b.First.DayNumber));
        Assert.Equal(14, buckets.Count); // 9–13 Sep, then the 13 weeks starting 14 Sep … 7 Dec
    }

    [Fact]
    public void Of_AYearByMonth_GivesCalendarMonths()
    {
        var buckets = UsageBuckets.Of(new DateOnly(2025, 12, 7), new DateOnly(2026, 12, 7), DayGrouping.Month);

        Assert.Equal(13, buckets.Count);
        Assert.Equal(new UsageBucket(new DateOnly(2025, 12, 7), new DateOnly(2025, 12, 31)), buckets[0]);
        Assert.Equal(new UsageBucket(new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), buckets[2]);
        Assert.Equal(new UsageBucket(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 7)), buckets[^1]);
    }

    [Theory]
    [InlineData(DayGrouping.Day)]
    [InlineData(DayGrouping.Week)]
    [InlineData(DayGrouping.Month)]
    public void Sum_PutsEveryDayInExactlyOneBucket_SoTheTotalIsKept(DayGrouping grouping)
    {
        var first = new DateOnly(2026, 3, 27);
        var daily = Enumerable.Range(0, 200).Select(i => (long)(i * 1_000_003 % 7_919 + (i == 0 ? 1 : 0))).ToArray();

        var buckets = UsageBuckets.Of(first, first.AddDays(daily.Length - 1), grouping);
        var sums = UsageBuckets.Sum(daily, first, buckets);

        Assert.Equal(daily.Sum(), sums.Sum());
        Assert.Equal(daily.Length, buckets.Sum(b => b.Last.DayNumber - b.First.DayNumber + 1));
        Assert.Equal(daily[0], UsageBuckets.Sum(daily, first, UsageBuckets.Of(first, first, grouping)).Single());
    }
}
