using BillingPortal.Domain.Spikes;

namespace BillingPortal.Tests.Domain.Spikes;

public sealed class SpikeRuleTests
{
    private const long Dollar = 1_000_000;
    private static readonly SpikeRule Rule = SpikeRule.Default;

    private static long[] Every(long micros) => Enumerable.Repeat(micros, SpikeRule.HistoryDays).ToArray();

    [Fact]
    public void UsualDay_IsTheMedian_WithDaysWithoutSpendAsZero()
    {
        // Sorted: six 0s, then $1 to $8; the 7th and 8th of the 14 are $1 and $2, so the usual day is $1.50.
        long[] history = [0, 8 * Dollar, 0, 1 * Dollar, 0, 2 * Dollar, 0, 3 * Dollar, 0, 4 * Dollar, 0, 5 * Dollar, 6 * Dollar, 7 * Dollar];

        Assert.Equal(1_500_000, SpendSpike.UsualDay(history));
    }

    [Fact]
    public void UsualDay_OfTwoOddMiddleDays_RoundsDown_AndNeverOverflows()
    {
        // Seven days of 3 micro-dollars and seven of 4: the middle pair is (3, 4), 3.5 rounded down.
        long[] history = [3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 4];
        Assert.Equal(3, SpendSpike.UsualDay(history));

        var huge = Every(long.MaxValue);
        Assert.Equal(long.MaxValue, SpendSpike.UsualDay(huge));
        huge[0] = huge[1] = huge[2] = huge[3] = huge[4] = huge[5] = huge[6] = long.MaxValue - 1;
        Assert.Equal(long.MaxValue - 1, SpendSpike.UsualDay(huge)); // (max-1 + max) / 2, rounded down
    }

    [Fact]
    public void UsualDay_RefusesAHistoryOfAnotherLength_OrANegativeDay()
    {
        Assert.Throws<ArgumentException>(() => SpendSpike.UsualDay(new long[13]));
        var history = Every(1);
        history[3] = -1;
        Assert.Throws<ArgumentOutOfRangeException>(() => SpendSpike.UsualDay(history));
    }

    [Fact]
    public void Check_PastTheMultipleAndTheFloor_IsASpike_NamingTheMultiple()
    {
        var spike = Rule.Check(42 * Dollar, Every(10 * Dollar));

        Assert.NotNull(spike);
        Assert.Equal(10 * Dollar, spike.UsualMicros);
        Assert.Equal(4.2m, spike.Times);
        Assert.Equal("4.2x", spike.TimesText);
    }

    [Fact]
    public void Check_WithoutHistory_IsNoSpike_HoweverBigTheDay()
    {
        // A new agent: nothing before today.
        Assert.Null(Rule.Check(1_000 * Dollar, new long[SpikeRule.HistoryDays]));
        // One that ran on 7 of the 14 days: the median is the mean of a 0 and the smallest spend day, still above zero.
        var half = Every(0);
        for (var d = 7; d < 14; d++)
            half[d] = 2 * Dollar;
        Assert.NotNull(Rule.Check(1_000 * Dollar, half));
        // On only 6 of them: its usual day is no spend, so there is no history to compare with.
        half[7] = 0;
        Assert.Null(Rule.Check(1_000 * Dollar, half));
    }

    [Fact]
    public void Check_PastTheMultiple_ButNotTheFloor_IsNoSpike()
    {
        // 40x a $0.10 day, but $4 is under the $5 floor; exactly $5 does not pass it either.
        Assert.Null(Rule.Check(4 * Dollar, Every(100_000)));
        Assert.Null(Rule.Check(5 * Dollar, Every(100_000)));
        Assert.NotNull(Rule.Check(5 * Dollar + 1, Every(100_000)));
    }

    [Fact]
    public void Check_PastTheFloor_ButNotTheMultiple_IsNoSpike()
    {
        // $90 against a usual $30 is exactly 3x: not more than it.
        Assert.Null(Rule.Check(90 * Dollar, Every(30 * Dollar)));
        Assert.Null(Rule.Check(60 * Dollar, Every(30 * Dollar)));
        var spike = Rule.Check(90 * Dollar + 1, Every(30 * Dollar));
        Assert.NotNull(spike);
        Assert.Equal("3.0x", spike.TimesText); // rounded down: never claims more than happened
    }

    [Fact]
    public void Check_UsesTheRulesOwnSettings()
    {
        var rule = SpikeRule.Create(1.5m, 0);

        Assert.NotNull(rule.Check(2, Every(1)));
        Assert.Null(rule.Check(1, Every(1)));
    }

    [Fact]
    public void Create_RefusesAMultipleBelowOne_AndANegativeFloor()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SpikeRule.Create(0.9m, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpikeRule.Create(3m, -1));
        Assert.Equal(SpikeRule.Default, SpikeRule.Create(3m, 5 * Dollar));
    }
}
