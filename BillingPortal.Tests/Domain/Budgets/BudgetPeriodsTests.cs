using BillingPortal.Domain.Budgets;

namespace BillingPortal.Tests.Domain.Budgets;

public sealed class BudgetPeriodsTests
{
    private static DateTime Utc(int y, int m, int d, int h = 0, int min = 0, int s = 0) => new(y, m, d, h, min, s, DateTimeKind.Utc);

    [Theory]
    [InlineData(BudgetPeriod.Day, "2026-03-04T23:59:59", "2026-03-04T00:00:00", "2026-03-05T00:00:00")]
    [InlineData(BudgetPeriod.Day, "2026-03-05T00:00:00", "2026-03-05T00:00:00", "2026-03-06T00:00:00")]
    [InlineData(BudgetPeriod.Week, "2026-03-01T23:00:00", "2026-02-23T00:00:00", "2026-03-02T00:00:00")] // a Sunday is the end of its ISO week
    [InlineData(BudgetPeriod.Week, "2026-03-02T00:00:00", "2026-03-02T00:00:00", "2026-03-09T00:00:00")] // Monday starts one
    [InlineData(BudgetPeriod.Week, "2026-12-31T12:00:00", "2026-12-28T00:00:00", "2027-01-04T00:00:00")] // across a year's end
    [InlineData(BudgetPeriod.Month, "2028-02-29T23:59:59", "2028-02-01T00:00:00", "2028-03-01T00:00:00")]
    [InlineData(BudgetPeriod.Month, "2026-12-31T23:59:59", "2026-12-01T00:00:00", "2027-01-01T00:00:00")]
    public void CalendarPeriods_AreUtcDaysIsoWeeksAndMonths(BudgetPeriod period, string at, string start, string end)
    {
        var window = BudgetPeriods.Window(period, Parse(at), billing: null);

        Assert.Equal((Parse(start), Parse(end)), window);
        Assert.Equal(DateTimeKind.Utc, window!.Value.Start.Kind);
    }

    [Fact]
    public void TheBillingPeriod_IsTheSubscriptionsCurrentOne_OrItsAnchorsCycleElsewhere()
    {
        // Anchored on 31 Jan 10:00: periods end 28 Feb, 31 Mar, 30 Apr (each from the anchor, never from the last end).
        var cycle = new BillingWindow(Utc(2026, 1, 31, 10), Utc(2026, 2, 28, 10), Utc(2026, 3, 31, 10));

        Assert.Equal((Utc(2026, 2, 28, 10), Utc(2026, 3, 31, 10)), BudgetPeriods.Window(BudgetPeriod.BillingPeriod, Utc(2026, 3, 31, 9, 59, 59), cycle));
        Assert.Equal((Utc(2026, 3, 31, 10), Utc(2026, 4, 30, 10)), BudgetPeriods.Window(BudgetPeriod.BillingPeriod, Utc(2026, 3, 31, 10), cycle));
        Assert.Equal((Utc(2026, 1, 31, 10), Utc(2026, 2, 28, 10)), BudgetPeriods.Window(BudgetPeriod.BillingPeriod, Utc(2026, 2, 28, 9), cycle));
        Assert.Equal((Utc(2025, 12, 31, 10), Utc(2026, 1, 31, 10)), BudgetPeriods.Window(BudgetPeriod.BillingPeriod, Utc(2026, 1, 1), cycle));
        Assert.Null(BudgetPeriods.Window(BudgetPeriod.BillingPeriod, Utc(2026, 3, 1), billing: null));
    }

    [Fact]
    public void ACurrentPeriodOffTheAnchorsCycle_IsUsedAsItIs()
    {
        // A trial conversion moved the current period to start on 10 Mar while the anchor says the 1st.
        var cycle = new BillingWindow(Utc(2026, 1, 1), Utc(2026, 3, 10, 12), Utc(2026, 4, 10, 12));

        Assert.Equal((Utc(2026, 3, 10, 12), Utc(2026, 4, 10, 12)), BudgetPeriods.Window(BudgetPeriod.BillingPeriod, Utc(2026, 4, 1), cycle));
    }

    private static DateTime Parse(string text) => DateTime.SpecifyKind(DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
}
