using BillingPortal.Domain.Budgets;

namespace BillingPortal.Tests.Domain.Budgets;

public sealed class BudgetTextTests
{
    [Theory]
    [InlineData("50, 80, 100", new[] { 50, 80, 100 })]
    [InlineData("90,50", new[] { 90, 50 })]
    [InlineData(" 75 % ", new[] { 75 })]
    [InlineData("", new[] { 50, 80, 100 })]
    public void ParseThresholds_ReadsWhatPeopleType(string text, int[] expected)
    {
        var (percents, error) = BudgetText.ParseThresholds(text);

        Assert.Null(error);
        Assert.Equal(expected, percents);
    }

    [Theory]
    [InlineData("50; 80")]
    [InlineData("half")]
    [InlineData("-5")]
    [InlineData("50.5")]
    public void ParseThresholds_RefusesWhatIsNotAListOfWholePercentages(string text)
    {
        var (percents, error) = BudgetText.ParseThresholds(text);

        Assert.Null(percents);
        Assert.Contains("separated by commas", error);
    }

    [Theory]
    [InlineData(0, 0, 1_000_000, 0)]
    [InlineData(1, 0, 1_000_000, 1)] // a micro-dollar spent still shows on the bar
    [InlineData(499_999, 0, 1_000_000, 49)]
    [InlineData(400_000, 100_000, 1_000_000, 50)] // holds count as spent
    [InlineData(5_000_000, 0, 1_000_000, 100)] // overspent: the bar is full, not past it
    [InlineData(-10, 0, 1_000_000, 0)]
    [InlineData(long.MaxValue, long.MaxValue, 1, 100)]
    public void PercentUsed_IsSpendPlusHoldsOverTheLimit_Clamped(long spent, long held, long limit, int expected) =>
        Assert.Equal(expected, BudgetText.PercentUsed(spent, held, limit));

    [Fact]
    public void Thresholds_AreOneLineWithOnePercentSign() => Assert.Equal("50, 80, 100 %", BudgetText.Thresholds([50, 80, 100]));
}
