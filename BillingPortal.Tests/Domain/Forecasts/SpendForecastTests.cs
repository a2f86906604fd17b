using BillingPortal.Domain.Forecasts;
using BillingPortal.Domain.Invoices;

namespace BillingPortal.Tests.Domain.Forecasts;

/// <summary>Every expected value below is worked out by hand in the comment beside it.</summary>
public sealed class SpendForecastTests
{
    private const long Dollar = 1_000_000;
    private static readonly DateTime Noon = new(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime NewYear = new(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly LongAgo = new(2026, 10, 1);

    private static SpendForecastInput Input(long[] days, long allowance, long credit, DateTime? now = null, DateOnly? first = null,
        DateTime? resetsAt = null, long afterReset = 25 * Dollar, DateTime? anchor = null) =>
        new(now ?? Noon, first ?? LongAgo, days, allowance, credit, resetsAt ?? NewYear, afterReset, anchor ?? new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));

    private static long[] Each(long micros) => [micros, micros, micros, micros, micros, micros, micros];

    [Fact]
    public void For_ThreeDollarsADay_With36DollarsLeft_LastsTwelveDays()
    {
        // $21 in 7 days is $3 a day; $6 allowance + $30 credits = $36 = 12 days: 7 Dec 12:00 + 12 days = 19 Dec 12:00.
        var forecast = SpendForecast.For(Input(Each(3 * Dollar), allowance: 6 * Dollar, credit: 30 * Dollar));

        Assert.True(forecast.EnoughHistory);
        Assert.Equal(21 * Dollar, forecast.WeekMicros);
        Assert.Equal(3 * Dollar, forecast.DailyPaceMicros);
        Assert.Equal(12, forecast.DaysLeft);
        Assert.Equal(new DateTime(2026, 12, 19, 12, 0, 0, DateTimeKind.Utc), forecast.RunsOutAt);
        // A week is $21; two days are $6.
        Assert.Equal(new AutoTopUpSuggestion(6 * Dollar, 21 * Dollar), forecast.SuggestedTopUp);
    }

    [Fact]
    public void For_DailyPace_IsRoundedUpToTheMicro_ButTheRunOutUsesTheExactWeek()
    {
        // 10 micros in 7 days: 1.43 a day, shown as 2. 5 micros of funds last 5 x 7 / 10 = 3.5 days, not 5 / 2 = 2.5.
        var forecast = SpendForecast.For(Input([1, 1, 1, 1, 1, 1, 4], allowance: 5, credit: 0));

        Assert.Equal(10, forecast.WeekMicros);
        Assert.Equal(2, forecast.DailyPaceMicros);
        Assert.Equal(3, forecast.DaysLeft);
        Assert.Equal(Noon.AddDays(3.5), forecast.RunsOutAt);
    }

    [Fact]
    public void For_RunOut_IsRoundedDownToTheTick()
    {
        // 1 micro of funds at 7 micros a week: 6,048,000,000,000 ticks (a week) / 7 = 864,000,000,000, one day exactly.
        var oneDay = SpendForecast.For(Input([1, 1, 1, 1, 1, 1, 1], allowance: 1, credit: 0));
        // At 11 micros a week: 6,048,000,000,000 / 11 = 549,818,181,818.18…, rounded down to 549,818,181,818 ticks.
        var eleven = SpendForecast.For(Input([1, 1, 1, 1, 1, 1, 5], allowance: 1, credit: 0));

        Assert.Equal(Noon.AddDays(1), oneDay.RunsOutAt);
        Assert.Equal(Noon.AddTicks(549_818_181_818), eleven.RunsOutAt);
        Assert.Equal(0, eleven.DaysLeft);
    }

    [Fact]
    public void For_WhenFundsRunOutAfterTheReset_CountsTheNewAllowance()
    {
        // $10 a day, $20 of credits, no allowance: gone at 9 Dec 00:00, exactly when the allowance is set back to $25,
        // which lasts 2.5 days more: 11 Dec 12:00, 4.5 days after 7 Dec 00:00, so "about 4 days".
        var now = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
        var forecast = SpendForecast.For(Input(Each(10 * Dollar), allowance: 0, credit: 20 * Dollar, now: now,
            resetsAt: new DateTime(2026, 12, 9, 0, 0, 0, DateTimeKind.Utc), afterReset: 25 * Dollar));

        Assert.Equal(new DateTime(2026, 12, 11, 12, 0, 0, DateTimeKind.Utc), forecast.RunsOutAt);
        Assert.Equal(4, forecast.DaysLeft);
    }

    [Fact]
    public void For_WhenTheResetComesFirst_SpendsTheAllowanceBeforeTheCreditsUntilThen()
    {
        // $2 a day from 7 Dec 00:00; $5 allowance and $10 credits. By the reset on 9 Dec (2 days, $4) the allowance pays it
        // all, so the credits are still $10; the allowance is set back to $1: $11 at $2 a day = 5.5 days, 14 Dec 12:00.
        // Had the credits paid, only $6 + $1 would be left.
        var now = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
        var forecast = SpendForecast.For(Input(Each(2 * Dollar), allowance: 5 * Dollar, credit: 10 * Dollar, now: now,
            resetsAt: new DateTime(2026, 12, 9, 0, 0, 0, DateTimeKind.Utc), afterReset: 1 * Dollar));

        Assert.Equal(new DateTime(2026, 12, 14, 12, 0, 0, DateTimeKind.Utc), forecast.RunsOutAt);
        Assert.Equal(7, forecast.DaysLeft);
    }

    [Fact]
    public void For_AtTheReset_AnOverdraftMovesOntoTheInvoiceInWholeCents()
    {
        // $1 a day from 7 Dec 00:00; $4.005 allowance and credits at -$2.005: $2 of funds, gone at 9 Dec 00:00, the reset.
        // The allowance paid those $2, so the credits are still -$2.005; the period's invoice takes $2.00 of it (whole
        // cents), leaving -$0.005, and the allowance is set back to $3: $2.995 at $1 a day is 2.995 days (2 d 23:52:48)
        // after 9 Dec 00:00. Without the move it would be $0.995 and 9 Dec 23:52:48.
        var now = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);
        var forecast = SpendForecast.For(Input(Each(1 * Dollar), allowance: 4_005_000, credit: -2_005_000, now: now,
            resetsAt: new DateTime(2026, 12, 9, 0, 0, 0, DateTimeKind.Utc), afterReset: 3 * Dollar));

        Assert.Equal(new DateTime(2026, 12, 11, 23, 52, 48, DateTimeKind.Utc), forecast.RunsOutAt);
    }

    [Fact]
    public void For_WhenTheAllowanceCoversThePace_LastsPastTheHorizon()
    {
        // 50 cents a day is about $15 a month, under the $25 allowance set back on 1 Jan, 1 Feb, 1 Mar: never runs out by 7 Mar.
        var forecast = SpendForecast.For(Input(Each(500_000), allowance: 20 * Dollar, credit: 0, afterReset: 25 * Dollar));

        Assert.Null(forecast.DaysLeft);
        Assert.Null(forecast.RunsOutAt);
        Assert.Equal(500_000, forecast.DailyPaceMicros);
        Assert.NotNull(forecast.SuggestedTopUp);
    }

    [Fact]
    public void For_WithNothingLeft_RunsOutNow()
    {
        // An overdraft larger than the allowance: runs are refused already.
        var forecast = SpendForecast.For(Input(Each(Dollar), allowance: 2 * Dollar, credit: -5 * Dollar));

        Assert.Equal(Noon, forecast.RunsOutAt);
        Assert.Equal(0, forecast.DaysLeft);
    }

    [Fact]
    public void For_WithNoSpendInTheWeek_HasNoPaceNoDateAndNoSuggestion()
    {
        var forecast = SpendForecast.For(Input(Each(0), allowance: Dollar, credit: 0));

        Assert.True(forecast.EnoughHistory);
        Assert.Equal(0, forecast.DailyPaceMicros);
        Assert.Null(forecast.DaysLeft);
        Assert.Null(forecast.RunsOutAt);
        Assert.Null(forecast.SuggestedTopUp);
    }

    [Theory]
    [InlineData(7, true)]   // first usage on 30 Nov, the first of the 7 days (30 Nov – 6 Dec): every one of them counts
    [InlineData(8, true)]
    [InlineData(6, false)]  // first usage on 1 Dec: 30 Nov was before the workspace was used, the pace would be 6/7 of it
    [InlineData(0, false)]
    public void HasEnoughHistory_NeedsTheFirstUsageOnOrBeforeTheFirstOfTheSevenDays(int daysBefore, bool expected)
    {
        var first = DateOnly.FromDateTime(Noon).AddDays(-daysBefore);

        Assert.Equal(expected, SpendForecast.HasEnoughHistory(first, Noon));
        Assert.Equal(expected, SpendForecast.For(Input(Each(Dollar), Dollar, 0, first: first)).EnoughHistory);
    }

    [Fact]
    public void HasEnoughHistory_AtMidnight_CountsTheDayJustEnded()
    {
        // At 00:00 on 7 Dec the 7 complete days are 30 Nov – 6 Dec.
        var midnight = new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc);

        Assert.True(SpendForecast.HasEnoughHistory(new DateOnly(2026, 11, 30), midnight));
        Assert.False(SpendForecast.HasEnoughHistory(new DateOnly(2026, 12, 1), midnight));
    }

    [Fact]
    public void For_WithoutUsage_IsNotEnoughHistory()
    {
        var forecast = SpendForecast.For(Input(Each(0), Dollar, 0) with { FirstUsageDay = null });

        Assert.Same(SpendForecast.NotEnoughHistory, forecast);
    }

    [Fact]
    public void For_RefusesAnythingButSevenNonNegativeDays()
    {
        Assert.Throws<ArgumentException>(() => SpendForecast.For(Input([1, 2, 3], Dollar, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpendForecast.For(Input([1, 1, 1, 1, 1, 1, -1], Dollar, 0)));
    }

    [Fact]
    public void ProjectUsage_AddsThePaceUntilTheInvoice_AllowanceFirst()
    {
        // $1 a day for 5 days = $5: the $3 of allowance, then $2 of credits; the credit balance goes from 10 to 8.
        var soFar = new PeriodUsage(5 * Dollar, 2 * Dollar, 10 * Dollar, []);

        var projected = SpendForecast.ProjectUsage(soFar, 3 * Dollar, 10 * Dollar, 7 * Dollar, Noon, Noon.AddDays(5));

        Assert.Equal(new PeriodUsage(8 * Dollar, 4 * Dollar, 8 * Dollar, soFar.Receipts), projected);
    }

    [Fact]
    public void ProjectUsage_StopsWhereRunsAreRefused_SoTheOverageDoesNotGrow()
    {
        // 20 days at $1 would be $20, but only $3 + $10 can be spent before runs are refused.
        var soFar = new PeriodUsage(0, 0, 10 * Dollar, []);

        var projected = SpendForecast.ProjectUsage(soFar, 3 * Dollar, 10 * Dollar, 7 * Dollar, Noon, Noon.AddDays(20));

        Assert.Equal(3 * Dollar, projected.FromAllowanceMicros);
        Assert.Equal(10 * Dollar, projected.FromCreditsMicros);
        Assert.Equal(0, projected.CreditBalanceMicros);
        Assert.Equal(0, projected.OverageMicros);
    }

    [Fact]
    public void ProjectUsage_RoundsTheSpendDownToTheMicro()
    {
        // 10 micros a week for one day: 10/7 = 1.43, so 1.
        var projected = SpendForecast.ProjectUsage(PeriodUsage.None, 100, 0, 10, Noon, Noon.AddDays(1));

        Assert.Equal(1, projected.FromAllowanceMicros);
    }

    [Fact]
    public void ProjectUsage_WithNoPaceOrNoTimeLeft_ChangesNothing()
    {
        var soFar = new PeriodUsage(1, 2, 3, []);

        Assert.Same(soFar, SpendForecast.ProjectUsage(soFar, Dollar, Dollar, 0, Noon, Noon.AddDays(3)));
        Assert.Same(soFar, SpendForecast.ProjectUsage(soFar, Dollar, Dollar, 7 * Dollar, Noon, Noon));
    }
}
