using BillingPortal.Domain.Subscriptions;

namespace BillingPortal.Tests.Domain.Subscriptions;

public sealed class CompletedPeriodsTests
{
    private static DateTime Utc(int year, int month, int day, int hour = 9) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Last_InTheFirstPeriod_IsNone_AndTheFirstEndsWithIt()
    {
        var opened = Utc(2026, 3, 1);

        Assert.Null(CompletedPeriods.Last(opened, opened, Utc(2026, 4, 1), opened, now: Utc(2026, 3, 20)));
        Assert.Equal(Utc(2026, 4, 1), CompletedPeriods.NextEnd(opened, Utc(2026, 4, 1), now: Utc(2026, 3, 20)));
    }

    [Fact]
    public void Last_InTheSecondPeriod_IsTheFirst()
    {
        var opened = Utc(2026, 3, 1);

        Assert.Equal(new CompletedPeriod(opened, Utc(2026, 4, 1)), CompletedPeriods.Last(opened, Utc(2026, 4, 1), Utc(2026, 5, 1), opened, now: Utc(2026, 4, 5)));
    }

    [Fact]
    public void Last_WhenThePeriodEndedButWasNotRolledOverYet_IsThatPeriod_FromTheMomentItEnds()
    {
        var opened = Utc(2026, 3, 1);

        Assert.Null(CompletedPeriods.Last(opened, opened, Utc(2026, 4, 1), opened, now: Utc(2026, 4, 1).AddTicks(-1)));
        Assert.Equal(new CompletedPeriod(opened, Utc(2026, 4, 1)), CompletedPeriods.Last(opened, opened, Utc(2026, 4, 1), opened, now: Utc(2026, 4, 1)));
    }

    [Fact]
    public void Last_AfterTheWorkerMissedTwoPeriodEnds_IsTheLatestThatEnded()
    {
        var opened = Utc(2026, 3, 1);

        Assert.Equal(new CompletedPeriod(Utc(2026, 4, 1), Utc(2026, 5, 1)), CompletedPeriods.Last(opened, opened, Utc(2026, 4, 1), opened, now: Utc(2026, 5, 3)));
        Assert.Equal(Utc(2026, 6, 1), CompletedPeriods.NextEnd(opened, Utc(2026, 4, 1), now: Utc(2026, 5, 3)));
    }

    [Fact]
    public void Last_FromAJan31Anchor_FollowsTheClampedFebruary()
    {
        var anchor = Utc(2026, 1, 31);

        // The period [28 Feb, 31 Mar) runs: the one before it started on the anchor.
        Assert.Equal(new CompletedPeriod(anchor, Utc(2026, 2, 28)), CompletedPeriods.Last(anchor, Utc(2026, 2, 28), Utc(2026, 3, 31), anchor, now: Utc(2026, 3, 10)));
        // [31 Mar, 30 Apr) runs: the one before is February's short one, back on the 31st afterwards.
        Assert.Equal(new CompletedPeriod(Utc(2026, 2, 28), Utc(2026, 3, 31)), CompletedPeriods.Last(anchor, Utc(2026, 3, 31), Utc(2026, 4, 30), anchor, now: Utc(2026, 4, 2)));
    }

    [Fact]
    public void Last_AcrossTheYearsEnd_FromA31DecemberAnchor()
    {
        var anchor = new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal(new CompletedPeriod(anchor, anchor.AddMonths(1)),
            CompletedPeriods.Last(anchor, anchor.AddMonths(1), anchor.AddMonths(2), anchor, now: new DateTime(2027, 2, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Last_AfterATrialMovedTheAnchor_IsNone_WhenTheMonthBeforeStartedBeforeTheWorkspaceOpened()
    {
        // Opened 1 Jan with a 14-day trial; converted on 15 Jan, which anchors the cycle: [15 Dec, 15 Jan) is not the workspace's.
        var opened = Utc(2026, 1, 1);
        var converted = Utc(2026, 1, 15);

        Assert.Null(CompletedPeriods.Last(converted, converted, Utc(2026, 2, 15), opened, now: Utc(2026, 1, 20)));
        Assert.Equal(Utc(2026, 2, 15), CompletedPeriods.NextEnd(converted, Utc(2026, 2, 15), now: Utc(2026, 1, 20)));
        Assert.Equal(new CompletedPeriod(converted, Utc(2026, 2, 15)), CompletedPeriods.Last(converted, Utc(2026, 2, 15), Utc(2026, 3, 15), opened, now: Utc(2026, 2, 16)));
    }

    [Fact]
    public void Last_WhenTheCycleWasAnchoredLaterThanTheWorkspaceOpened_IsTheMonthBeforeTheAnchor()
    {
        // The demo's history opens three months back and anchors the cycle at its last allowance reset.
        var opened = Utc(2025, 12, 10, 0);
        var anchor = Utc(2026, 2, 8, 0);

        Assert.Equal(new CompletedPeriod(Utc(2026, 1, 8, 0), anchor), CompletedPeriods.Last(anchor, anchor, Utc(2026, 3, 8, 0), opened, now: Utc(2026, 2, 20)));
    }

    [Fact]
    public void Last_OfAPeriodThatEndsBeforeItStarts_Throws() =>
        Assert.Throws<ArgumentException>(() => CompletedPeriods.Last(Utc(2026, 3, 1), Utc(2026, 3, 1), Utc(2026, 3, 1), Utc(2026, 3, 1), Utc(2026, 3, 2)));
}
