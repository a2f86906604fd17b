using System.Globalization;
using BillingPortal.Domain.Text;

namespace BillingPortal.Tests.Domain.Text;

public sealed class DateTextTests
{
    private static readonly DateTime Instant = new(2026, 12, 6, 0, 30, 5, DateTimeKind.Utc);

    [Fact]
    public void Day_PutsTheDayFirstAndNamesTheMonth() =>
        Assert.Equal("6 Dec 2026", DateText.Day(Instant));

    [Fact]
    public void Month_NamesTheMonthAndYear() =>
        Assert.Equal("Dec 2026", DateText.Month(DateOnly.FromDateTime(Instant)));

    [Fact]
    public void Moment_NamesTheZone() =>
        Assert.Equal("6 Dec 2026, 00:30 UTC", DateText.Moment(Instant));

    [Fact]
    public void MomentToSecond_KeepsTheSeconds() =>
        Assert.Equal("6 Dec 2026, 00:30:05 UTC", DateText.MomentToSecond(Instant));

    [Theory]
    [InlineData("en-US")]
    [InlineData("en-GB")]
    [InlineData("de-DE")]
    [InlineData("fr-FR")]
    [InlineData("ja-JP")]
    public void EveryForm_IsTheSameInEveryCulture(string name)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            Assert.Equal("9 Sep 2026", DateText.Day(new DateOnly(2026, 9, 9)));
            Assert.Equal("6 Dec 2026, 00:30 UTC", DateText.Moment(Instant));
            Assert.Equal("2026-12-06T00:30:05Z", DateText.Iso(Instant));
        }
        finally
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [InlineData("2026-11-22T00:00:00", "2026-12-22T00:00:00", "22 Nov – 21 Dec 2026")] // the end is exclusive
    [InlineData("2026-12-22T14:30:00", "2027-01-22T14:30:00", "22 Dec 2026 – 22 Jan 2027")] // ends mid-day: its last day counts
    [InlineData("2028-02-29T00:00:00", "2028-03-01T00:00:00", "29 Feb 2028")]
    [InlineData("2026-12-06T10:00:00", "2026-12-06T10:00:00", "6 Dec 2026")] // empty: never a last day before the first
    public void Period_ShowsTheDaysItCovers_Inclusive(string start, string end, string expected) =>
        Assert.Equal(expected, DateText.Period(DateTime.Parse(start, CultureInfo.InvariantCulture), DateTime.Parse(end, CultureInfo.InvariantCulture)));

    [Fact]
    public void Days_WithinAYear_NamesTheYearOnce() =>
        Assert.Equal("1 Mar – 31 Mar 2026", DateText.Days(new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)));

    [Fact]
    public void Iso_IsUtcWithAZ() =>
        Assert.Equal(("2026-12-06T00:30:05Z", "2026-12-06"), (DateText.Iso(Instant), DateText.Iso(new DateOnly(2026, 12, 6))));
}
