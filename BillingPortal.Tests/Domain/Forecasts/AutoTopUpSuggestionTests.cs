using BillingPortal.Domain.Forecasts;
using BillingPortal.Domain.Payments;

namespace BillingPortal.Tests.Domain.Forecasts;

public sealed class AutoTopUpSuggestionTests
{
    private const long Dollar = 1_000_000;

    [Theory]
    // week, threshold, amount (all hand-computed: amount = the week rounded up to a dollar, $5 to $100,000;
    // threshold = 2/7 of the week rounded up to a micro, then to a dollar, at least $5, at most the amount)
    [InlineData(21 * Dollar, 6 * Dollar, 21 * Dollar)]              // 2/7 of $21 = $6
    [InlineData(21 * Dollar + 1, 7 * Dollar, 22 * Dollar)]          // 2/7 of $21.000001 = $6.0000003 → $7
    [InlineData(70 * Dollar, 20 * Dollar, 70 * Dollar)]
    [InlineData(1, 5 * Dollar, 5 * Dollar)]                         // one micro: the $5 purchase minimum, the $5 floor
    [InlineData(12_500_000, 5 * Dollar, 13 * Dollar)]              // 2/7 of $12.50 = $3.58 → $4, raised to the $5 floor
    [InlineData(17_500_000 * Dollar, 100_000 * Dollar, 100_000 * Dollar)] // past the maximum: both at $100,000
    [InlineData(long.MaxValue, 100_000 * Dollar, 100_000 * Dollar)]
    public void ForWeek_RoundsUpToWholeDollars_WithinThePurchaseLimits(long week, long threshold, long amount)
    {
        var suggestion = AutoTopUpSuggestion.ForWeek(week);

        Assert.Equal(new AutoTopUpSuggestion(threshold, amount), suggestion);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3_500_000)]
    [InlineData(21 * Dollar + 1)]
    [InlineData(999_999_999_999)]
    [InlineData(long.MaxValue)]
    public void ForWeek_IsAlwaysASettingTheAutoTopUpRulesAccept(long week)
    {
        var suggestion = AutoTopUpSuggestion.ForWeek(week);
        var change = suggestion.ApplyTo(new AutoTopUpChange(false, 0, 25 * Dollar, 250 * Dollar, null));
        var card = new PaymentMethod { WorkspaceId = Guid.NewGuid(), ProviderMethodId = "pm_test", Brand = "visa", Last4 = "4242", ExpMonth = 12, ExpYear = 2030, CreatedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc) };

        Assert.True(suggestion.ThresholdMicros > 0);
        Assert.Empty(AutoTopUpRules.Validate(change, card, new DateTime(2026, 12, 7, 12, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void ForWeek_WithoutSpend_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AutoTopUpSuggestion.ForWeek(0));

    [Fact]
    public void ApplyTo_KeepsTheCardAndACapThatCoversTheAmount_AndSwitchesItOn()
    {
        var card = Guid.NewGuid();
        var current = new AutoTopUpChange(false, 1 * Dollar, 10 * Dollar, 300 * Dollar, card);

        var applied = new AutoTopUpSuggestion(6 * Dollar, 21 * Dollar).ApplyTo(current);

        Assert.Equal(new AutoTopUpChange(true, 6 * Dollar, 21 * Dollar, 300 * Dollar, card), applied);
    }

    [Fact]
    public void ApplyTo_RaisesACapBelowTheAmountToIt()
    {
        var applied = new AutoTopUpSuggestion(6 * Dollar, 21 * Dollar).ApplyTo(new AutoTopUpChange(true, 5 * Dollar, 10 * Dollar, 15 * Dollar, null));

        Assert.Equal(21 * Dollar, applied.MonthlyCapMicros);
    }
}
