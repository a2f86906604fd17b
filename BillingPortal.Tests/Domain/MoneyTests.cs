using System.Globalization;
using BillingPortal.Domain;

namespace BillingPortal.Tests.Domain;

public sealed class MoneyTests
{
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");
    private static readonly CultureInfo DeDe = CultureInfo.GetCultureInfo("de-DE");

    [Theory]
    [InlineData("1", 1_000_000)]
    [InlineData("0.000001", 1)]
    [InlineData("12.34", 12_340_000)]
    [InlineData("-2.5", -2_500_000)]
    [InlineData("9223372036854.775807", long.MaxValue)]
    public void FromDollars_UpToTheMicro_IsExact(string dollars, long micros) =>
        Assert.Equal(micros, Money.FromDollars(decimal.Parse(dollars, CultureInfo.InvariantCulture)).Micros);

    [Theory]
    [InlineData("0.0000001")]
    [InlineData("1.0000005")]
    [InlineData("-0.0000009")]
    public void FromDollars_FinerThanAMicro_IsRejected(string dollars)
    {
        var error = Assert.Throws<ArgumentException>(() => Money.FromDollars(decimal.Parse(dollars, CultureInfo.InvariantCulture)));
        Assert.Contains("finer than one micro-dollar", error.Message);
    }

    [Fact]
    public void FromDollars_BeyondTheLongRange_Throws() =>
        Assert.Throws<OverflowException>(() => Money.FromDollars(9_223_372_036_855m));

    [Fact]
    public void FromCents_IsTenThousandMicrosEach()
    {
        Assert.Equal(12_340_000, Money.FromCents(1234).Micros);
        Assert.Equal(-10_000, Money.FromCents(-1).Micros);
        Assert.Throws<OverflowException>(() => Money.FromCents(long.MaxValue / Money.MicrosPerCent + 1));
    }

    [Fact]
    public void Operators_AddSubtractNegateAndCompareMicros()
    {
        var a = new Money(1_500_000);
        var b = new Money(250_000);
        Assert.Equal(new Money(1_750_000), a + b);
        Assert.Equal(new Money(1_250_000), a - b);
        Assert.Equal(new Money(-250_000), -b);
        Assert.True(b < a && a > b && a >= new Money(1_500_000) && b <= new Money(250_000));
        Assert.False(a < b || b > a);
        Assert.True((b - a).IsNegative);
        Assert.False(Money.Zero.IsNegative);
        Assert.Equal(-1, b.CompareTo(a));
        Assert.Equal(1.5m, a.ToDollars());
    }

    [Fact]
    public void Operators_Overflowing_Throw()
    {
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue) + new Money(1));
        Assert.Throws<OverflowException>(() => new Money(long.MinValue) - new Money(1));
        Assert.Throws<OverflowException>(() => -new Money(long.MinValue));
    }

    [Theory]
    [InlineData(1_234_500_000, "$1,234.50")]
    [InlineData(-1_234_500_000, "-$1,234.50")]
    [InlineData(0, "$0.00")]
    [InlineData(15_100, "$0.02")] // to the cent unless exact: $0.0151 rounds up
    [InlineData(5_100, "<$0.01")] // under a cent is never shown as $0.00 or rounded up to a cent it is not
    public void Format_EnUs_ShowsDollarsToTheCent(long micros, string expected) =>
        Assert.Equal(expected, new Money(micros).Format(EnUs));

    [Theory]
    [InlineData(1_234_500_000, "1.234,50 $")]
    [InlineData(-1_234_500_000, "-1.234,50 $")]
    public void Format_DeDe_UsesGermanSeparatorsWithTheDollarSign(long micros, string expected) =>
        Assert.Equal(expected, new Money(micros).Format(DeDe));

    [Theory]
    [InlineData(1_500, "en-US", "$0.0015")]
    [InlineData(1, "en-US", "$0.000001")]
    [InlineData(12_345_678, "en-US", "$12.345678")]
    [InlineData(1_230_000, "en-US", "$1.23")]
    [InlineData(1_500, "de-DE", "0,0015 $")]
    [InlineData(-2_000_050, "de-DE", "-2,00005 $")]
    public void Format_Exact_ShowsTheSubCentDigitsThatMatter(long micros, string culture, string expected) =>
        Assert.Equal(expected, new Money(micros).Format(CultureInfo.GetCultureInfo(culture), exact: true));

    [Fact]
    public void Format_WithoutCulture_UsesTheCurrentCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = DeDe;
            Assert.Equal("25,00 $", new Money(25_000_000).Format());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
