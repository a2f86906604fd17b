using BillingPortal.Domain.Subscriptions;

namespace BillingPortal.Tests.Domain.Subscriptions;

public sealed class BillingCycleTests
{
    private static DateTime Utc(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void PeriodEnd_FromAJan31Anchor_ClampsFebruaryAndReturnsToThe31st()
    {
        var anchor = Utc(2026, 1, 31);

        Assert.Equal(Utc(2026, 2, 28), BillingCycle.PeriodEnd(anchor, 1));
        Assert.Equal(Utc(2026, 3, 31), BillingCycle.PeriodEnd(anchor, 2));
        Assert.Equal(Utc(2026, 4, 30), BillingCycle.PeriodEnd(anchor, 3));
        Assert.Equal(Utc(2027, 1, 31), BillingCycle.PeriodEnd(anchor, 12));
    }

    [Fact]
    public void PeriodEnd_InALeapYear_FebruaryHas29Days()
    {
        Assert.Equal(Utc(2028, 2, 29), BillingCycle.PeriodEnd(Utc(2028, 1, 31), 1));
        Assert.Equal(Utc(2028, 2, 28), BillingCycle.PeriodEnd(Utc(2027, 2, 28), 12)); // an anchor on the 28th stays on it
        Assert.Equal(Utc(2028, 3, 29), BillingCycle.PeriodEnd(Utc(2028, 2, 29), 1));
        Assert.Equal(Utc(2029, 2, 28), BillingCycle.PeriodEnd(Utc(2028, 2, 29), 12));
    }

    [Fact]
    public void PeriodEnd_IndexBelowOne_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BillingCycle.PeriodEnd(Utc(2026, 1, 1), 0));

    [Fact]
    public void NextPeriodEnd_AfterTheClampedFebruaryEnd_IsMarch31NotMarch28()
    {
        var anchor = Utc(2026, 1, 31);

        Assert.Equal(Utc(2026, 3, 31), BillingCycle.NextPeriodEnd(anchor, Utc(2026, 2, 28)));
        Assert.Equal(Utc(2026, 4, 30), BillingCycle.NextPeriodEnd(anchor, Utc(2026, 3, 31)));
    }

    [Fact]
    public void NextPeriodEnd_WalkedForTwoYears_NeverDriftsFromTheAnchorDay()
    {
        var anchor = Utc(2026, 1, 31, hour: 17);
        var end = BillingCycle.PeriodEnd(anchor, 1);
        for (var k = 2; k <= 24; k++)
        {
            end = BillingCycle.NextPeriodEnd(anchor, end);
            Assert.Equal(anchor.AddMonths(k), end);
            Assert.Equal(17, end.Hour);
            Assert.Equal(DateTime.DaysInMonth(end.Year, end.Month), end.Day);
        }
    }

    [Fact]
    public void NextPeriodEnd_ForAnEndOffTheCycle_IsTheFirstAnchorMonthAfterIt()
    {
        var anchor = Utc(2026, 1, 15);

        Assert.Equal(Utc(2026, 3, 15), BillingCycle.NextPeriodEnd(anchor, Utc(2026, 3, 1)));
        Assert.Equal(Utc(2026, 4, 15), BillingCycle.NextPeriodEnd(anchor, Utc(2026, 3, 15)));
        Assert.Equal(Utc(2026, 2, 15), BillingCycle.NextPeriodEnd(anchor, Utc(2025, 12, 1)));
    }

    [Fact]
    public void NextPeriodEnd_AcrossTheYearEnd_MovesIntoJanuary() =>
        Assert.Equal(Utc(2027, 1, 10), BillingCycle.NextPeriodEnd(Utc(2026, 10, 10), Utc(2026, 12, 10)));

    [Fact]
    public void FirstPeriod_IsOneMonthFromTheAnchor() =>
        Assert.Equal((Utc(2026, 5, 31), Utc(2026, 6, 30)), BillingCycle.FirstPeriod(Utc(2026, 5, 31)));

    [Theory]
    [InlineData("2026-02-27T09:00:00Z", 0)] // the current period still runs
    [InlineData("2026-02-28T09:00:00Z", 1)] // its end is due at that instant
    [InlineData("2026-03-31T08:59:59Z", 1)]
    [InlineData("2026-03-31T09:00:00Z", 2)]
    [InlineData("2026-05-01T00:00:00Z", 3)] // down for three period ends: Feb 28, Mar 31, Apr 30
    [InlineData("2027-02-28T09:00:00Z", 13)]
    public void PeriodsEndedBy_CountsEveryEndAtOrBeforeNow(string now, int expected)
    {
        var anchor = Utc(2026, 1, 31);

        var count = BillingCycle.PeriodsEndedBy(anchor, Utc(2026, 2, 28), DateTime.Parse(now, null, System.Globalization.DateTimeStyles.AdjustToUniversal));

        Assert.Equal(expected, count);
    }

    [Fact]
    public void RemainingFraction_HalfwayThroughFebruary_IsHalfInTicks()
    {
        var (numerator, denominator) = BillingCycle.RemainingFraction(Utc(2026, 2, 1), Utc(2026, 3, 1), Utc(2026, 2, 15));

        Assert.Equal(TimeSpan.FromDays(28).Ticks, denominator);
        Assert.Equal(TimeSpan.FromDays(14).Ticks, numerator);
    }

    [Fact]
    public void RemainingFraction_IsOneBeforeTheStartAndZeroAtOrAfterTheEnd()
    {
        var start = Utc(2026, 1, 31);
        var end = Utc(2026, 2, 28);

        Assert.Equal((end - start).Ticks, BillingCycle.RemainingFraction(start, end, start.AddDays(-3)).Numerator);
        Assert.Equal(0, BillingCycle.RemainingFraction(start, end, end).Numerator);
        Assert.Equal(0, BillingCycle.RemainingFraction(start, end, end.AddDays(5)).Numerator);
    }

    [Fact]
    public void RemainingFraction_OfAnEmptyPeriod_Throws() =>
        Assert.Throws<ArgumentException>(() => BillingCycle.RemainingFraction(Utc(2026, 1, 1), Utc(2026, 1, 1), Utc(2026, 1, 1)));

    [Fact]
    public void RemainingFraction_LetsAProrationRoundOnce()
    {
        // $451 difference, 10 of 31 days left: 451 * 10 / 31 = 145.483870... dollars, rounded once to the cent.
        var (numerator, denominator) = BillingCycle.RemainingFraction(Utc(2026, 3, 1), Utc(2026, 4, 1), Utc(2026, 3, 22));
        var exact = (decimal)(451 * BillingPortal.Domain.Money.MicrosPerDollar) * numerator / denominator;

        Assert.Equal(145_480_000, (long)Math.Round(exact / 10_000m, MidpointRounding.AwayFromZero) * 10_000);
    }
}
