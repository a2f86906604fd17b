using System.Globalization;
using BillingPortal.Domain;
using BillingPortal.Domain.Text;

namespace BillingPortal.Tests.Domain.Text;

public sealed class MoneyFormatTests
{
    private static readonly string[] Cultures = ["en-US", "en-GB", "de-DE", "fr-FR", "es-ES", "nl-NL", "ja-JP", ""];

    [Theory]
    [InlineData(0, "$0.00")]
    [InlineData(1, "<$0.01")]
    [InlineData(4_999, "<$0.01")]
    [InlineData(9_999, "<$0.01")]
    [InlineData(10_000, "$0.01")]
    [InlineData(-1, "-<$0.01")]
    [InlineData(-9_999, "-<$0.01")]
    [InlineData(14_999, "$0.01")]
    [InlineData(15_000, "$0.02")]
    [InlineData(-1_234_567_890, "-$1,234.57")]
    public void Rounded_IsToTheCent_AndAnAmountUnderACentSaysSo(long micros, string expected) =>
        Assert.Equal(expected, MoneyFormat.Rounded(new Money(micros), CultureInfo.GetCultureInfo("en-US")));

    [Theory]
    [InlineData(4_200, "de-DE", "<0,01 $")]
    [InlineData(-4_200, "fr-FR", "-<0,01 $")]
    [InlineData(4_200, "ja-JP", "<$0.01")]
    public void Rounded_UnderACent_KeepsTheCulturesSeparatorsAndSymbolPlace(long micros, string culture, string expected) =>
        Assert.Equal(expected, MoneyFormat.Rounded(new Money(micros), CultureInfo.GetCultureInfo(culture)).Replace('\u00A0', ' ').Replace('\u202F', ' '));

    /// <summary>The rule the issue names: over many amounts and every culture the app offers, no non-zero amount reads as zero.</summary>
    [Fact]
    public void Rounded_NeverShowsZeroForANonZeroAmount()
    {
        var random = new Random(20261207);
        var amounts = Enumerable.Range(0, 20_000).Select(_ => random.NextInt64(-50_000, 50_000))
            .Concat(Enumerable.Range(0, 5_000).Select(_ => random.NextInt64(long.MinValue / 2, long.MaxValue / 2)))
            .Concat([1, -1, 4_999, 5_000, 5_001, -5_000, 9_999, 10_000, long.MaxValue, long.MinValue + 1]);
        foreach (var name in Cultures)
        {
            var culture = CultureInfo.GetCultureInfo(name);
            foreach (var micros in amounts)
            {
                var text = MoneyFormat.Rounded(new Money(micros), culture);
                var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
                Assert.True(micros == 0 || digits.Any(d => d != '0'), $"{micros} µ$ read as {text} in '{name}'");
                Assert.True(micros == 0 || text.Contains(culture.NumberFormat.NegativeSign) == micros < 0 || name == "" && text.Contains('-') == micros < 0,
                    $"{micros} µ$ lost its sign: {text} in '{name}'");
            }
        }
    }

    [Fact]
    public void Exact_RoundTripsEveryAmountToTheMicro()
    {
        var random = new Random(7);
        var culture = CultureInfo.GetCultureInfo("en-US");
        foreach (var micros in Enumerable.Range(0, 10_000).Select(_ => random.NextInt64(-10_000_000_000, 10_000_000_000)).Append(1).Append(-1))
        {
            var text = MoneyFormat.Exact(new Money(micros), culture);
            Assert.Equal(micros, Money.FromDollars(decimal.Parse(text, NumberStyles.Currency, culture)).Micros);
        }
    }

    [Theory]
    [InlineData(5_000_000, "$5.00")]
    [InlineData(1_500, "$0.0015")]
    [InlineData(-42, "-$0.000042")]
    public void Exact_ShowsTheDigitsThatMatter_AndNegativesWithAMinusEvenInvariant(long micros, string expected) =>
        Assert.Equal(expected, MoneyFormat.Exact(new Money(micros), CultureInfo.InvariantCulture));

    [Fact]
    public void Rounded_Invariant_WritesAMinusNotParentheses() =>
        Assert.Equal("-$5.00", MoneyFormat.Rounded(new Money(-5_000_000), CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(1_234_500_000, "1234.5")]
    [InlineData(42, "0.000042")]
    [InlineData(-3_000_000, "-3")]
    [InlineData(0, "0")]
    public void Number_IsAPlainExactInvariantDecimal(long micros, string expected) =>
        Assert.Equal(expected, MoneyFormat.Number(new Money(micros)));

    [Theory]
    [InlineData(10_000, false)]
    [InlineData(10_001, true)]
    [InlineData(0, false)]
    public void IsRounded_WhenTheCentsHideDigits(long micros, bool rounded) =>
        Assert.Equal(rounded, MoneyFormat.IsRounded(new Money(micros)));
}
