using BillingPortal.Domain.Usage;

namespace BillingPortal.Tests.Domain.Usage;

public sealed class PricingTests
{
    private static CostRate Rate(long unitPriceMicros, long unitSize, int feeBasisPoints = 0) =>
        new() { Key = "m", DisplayName = "m", UnitPriceMicros = unitPriceMicros, UnitSize = unitSize, PlatformFeeBasisPoints = feeBasisPoints };

    [Fact]
    public void Price_OfAMillionTokensAtTheListPrice_IsTheListPricePlusTheFee()
    {
        // $3.00 per 1M tokens plus 5% = $3.15
        Assert.Equal(3_150_000, Pricing.PriceMicros(1_000_000, Rate(3_000_000, 1_000_000, 500)));
    }

    [Theory]
    [InlineData(499_999, 0)]    // 0.499999 micro-USD rounds down
    [InlineData(500_000, 1)]    // exactly one half rounds away from zero
    [InlineData(1_499_999, 1)]
    [InlineData(1_500_000, 2)]
    public void Price_RoundsOnceHalfAwayFromZero(long tokens, long expectedMicros)
    {
        // 1 micro-USD per million tokens: the fraction is what is left of the tokens
        Assert.Equal(expectedMicros, Pricing.PriceMicros(tokens, Rate(1, 1_000_000)));
    }

    [Fact]
    public void Price_OfAStep_IsRoundedOnceNotPerToken()
    {
        // 1,234 tokens at $3.00/1M + 5% = 3,887.1 micro-USD; per-token rounding would give 3 x 1,234 = 3,702.
        Assert.Equal(3_887, Pricing.PriceMicros(1_234, Rate(3_000_000, 1_000_000, 500)));
    }

    [Fact]
    public void Price_AtExactlyHalf_RoundsUp()
    {
        // 1 call x 1 micro x 1.5 = 1.5 micro-USD
        Assert.Equal(2, Pricing.PriceMicros(1, Rate(1, 1, 5000)));
        Assert.Equal(1, Pricing.PriceMicros(1, Rate(1, 1, 4999)));
    }

    [Fact]
    public void Price_OfStorage_IsPerGbMonthOf730GbHours()
    {
        // $0.25 per GB-month, 5% fee: 730 GB-hours = $0.2625; 1 GB-hour = 359.589... -> 360
        Assert.Equal(262_500, Pricing.PriceMicros(730, Rate(250_000, 730, 500)));
        Assert.Equal(360, Pricing.PriceMicros(1, Rate(250_000, 730, 500)));
    }

    [Fact]
    public void Price_OfTheLargestQuantity_DoesNotOverflowItsIntermediate()
    {
        // quantity x price x 10500 is far past long.MaxValue; the Int128 intermediate keeps it exact.
        Assert.Equal(105_000_000_000_000_000, Pricing.PriceMicros(100_000_000_000, Rate(1_000_000, 1, 500)));
    }

    [Fact]
    public void Price_WhenTheResultExceedsALong_Throws()
    {
        Assert.Throws<OverflowException>(() => Pricing.PriceMicros(long.MaxValue, Rate(long.MaxValue, 1)));
    }

    [Fact]
    public void Price_OfANegativeQuantity_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Pricing.PriceMicros(-1, Rate(1, 1)));
    }

    [Fact]
    public void Price_WithAZeroUnitSize_Throws()
    {
        Assert.Throws<ArgumentException>(() => Pricing.PriceMicros(1, Rate(1, 0)));
    }

    [Fact]
    public void Price_OfZero_IsZero()
    {
        Assert.Equal(0, Pricing.PriceMicros(0, Rate(15_000_000, 1_000_000, 500)));
    }
}
