using BillingPortal.Cli.Api;
using BillingPortal.Cli.Commands;
using BillingPortal.Cli.Output;

namespace BillingPortal.Tests.Cli;

/// <summary>The CLI's text: money exact from micros, amounts typed in dollars, --since, tables, and server text kept inert.</summary>
public sealed class OutputTests
{
    [Theory]
    [InlineData(0L, "$0.00")]
    [InlineData(1_234_560_000L, "$1,234.56")]
    [InlineData(1_234_564_999L, "$1,234.56")]
    [InlineData(1_234_565_000L, "$1,234.57")]
    [InlineData(-5_000_000L, "-$5.00")]
    [InlineData(3_500L, "<$0.01")]
    [InlineData(-1L, "-<$0.01")]
    [InlineData(10_000L, "$0.01")]
    [InlineData(999_999_999_995_000L, "$1,000,000,000.00")]
    [InlineData(long.MinValue, "-$9,223,372,036,854.78")]
    public void Money_IsToTheCent_AndNeverShowsAChargeAsZero(long micros, string text) => Assert.Equal(text, Money.Format(micros));

    [Fact]
    public void Money_Signed_MarksCredits() => Assert.Equal(("+$50.00", "-$2.32", "$0.00"),
        (Money.Format(50_000_000, signed: true), Money.Format(-2_321_004, signed: true), Money.Format(0, signed: true)));

    [Theory]
    [InlineData("50", 50_000_000L)]
    [InlineData("12.50", 12_500_000L)]
    [InlineData("12.5", 12_500_000L)]
    [InlineData("$1,000", 1_000_000_000L)]
    [InlineData("100000", 100_000_000_000L)]
    [InlineData(" 5.00 ", 5_000_000L)]
    public void Dollars_AreExactMicros(string text, long micros)
    {
        Assert.True(TopUpCommand.Dollars(text, out var parsed, out var problem), problem);
        Assert.Equal(micros, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1e3")]
    [InlineData("5.001")]
    [InlineData("0x10")]
    [InlineData("٥٠")] // Arabic-Indic digits are digits to .NET, not to a billing amount
    [InlineData("5..0")]
    public void Dollars_RefuseWhatIsNotAnAmount(string text) => Assert.False(TopUpCommand.Dollars(text, out _, out _));

    [Theory]
    [InlineData("7d", "2026-03-03")]
    [InlineData("30d", "2026-02-08")]
    [InlineData("1d", "2026-03-09")]
    [InlineData("2026-01-31", "2026-01-31")]
    public void Since_CountsBackFromTheGivenToday(string text, string day) =>
        Assert.Equal(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture), BillingPortal.Cli.Commands.Options.SinceFrom(text, new DateOnly(2026, 3, 10)));

    [Theory]
    [InlineData("0d")]
    [InlineData("-7d")]
    [InlineData("d")]
    [InlineData("7w")]
    [InlineData("03/01/2026")]
    public void Since_RefusesOtherText(string text) => Assert.Null(BillingPortal.Cli.Commands.Options.SinceFrom(text, new DateOnly(2026, 3, 10)));

    [Fact]
    public void Table_PadsColumns_AlignsNumbersRight_AndKeepsServerTextInert()
    {
        var output = new StringWriter();
        new Table(new Column("Agent"), new Column("Cost", AlignRight: true))
            .Add("support-bot", "$12.00")
            .Add("evil\u001b]0;pwned\u0007\nbot", "$1,234.56")
            .Write(output);

        var lines = output.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain(lines, l => l.Any(char.IsControl));
        Assert.Equal(lines[0].Length, lines[1].Length);
        Assert.Equal(lines[1].Length, lines[2].Length);
        Assert.EndsWith("   $12.00", lines[1]);
        Assert.StartsWith("evil\uFFFD]0;pwned\uFFFD bot", lines[2]);
    }

    [Fact]
    public void UsageReport_AddsUpTheBucketsPerKey_LargestFirst_AndDaysInOrder()
    {
        var day1 = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        CostBucket Bucket(DateTime start, params CostResult[] results) => new(start, start.AddDays(1), results);
        var buckets = new[]
        {
            Bucket(day1.AddDays(1), new CostResult(7, 1, "b", null, null)),
            Bucket(day1, new CostResult(5, 1, "a", null, null), new CostResult(3, 1, "b", null, null)),
            Bucket(day1.AddDays(2)),
        };

        var byAgent = UsageReport.Build("agent", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 4), buckets);
        var byDay = UsageReport.Build("day", new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 4), buckets);

        Assert.Equal([("b", 10L), ("a", 5L)], byAgent.Data.Select(r => (r.Agent!, r.AmountMicros)));
        Assert.Equal([("2026-03-01", 8L), ("2026-03-02", 7L), ("2026-03-03", 0L)], byDay.Data.Select(r => (r.Day!, r.AmountMicros)));
        Assert.Equal((15L, 15L), (byAgent.TotalMicros, byDay.TotalMicros));
    }
}
