using BillingPortal.Features.Usage;

namespace BillingPortal.Tests.Features.Usage;

public sealed class UsageRangeTests
{
    private static readonly DateOnly Today = new(2026, 3, 31);

    [Fact]
    public void LastDays_IncludesToday() => Assert.Equal(new UsageFilter(new(2026, 3, 25), Today), UsageRange.LastDays(7, Today));

    [Theory]
    [InlineData("2026-03-10", "2026-03-01", "after the end")]
    [InlineData("2025-01-01", "2026-03-01", "at most 366 days")]
    [InlineData("2026-04-02", "2026-04-03", "in the future")]
    public void Validate_ABadRange_SaysWhy(string from, string to, string expected) =>
        Assert.Contains(expected, UsageRange.Validate(DateOnly.Parse(from), DateOnly.Parse(to), Today));

    [Fact]
    public void Parse_WithNothing_IsTheLast30Days()
    {
        var errors = new Dictionary<string, string[]>();

        var (from, to) = UsageRange.Parse(null, null, Today, errors);

        Assert.Empty(errors);
        Assert.Equal((new DateOnly(2026, 3, 2), Today), (from, to));
    }

    [Fact]
    public void Parse_AMalformedDate_NamesTheField()
    {
        var errors = new Dictionary<string, string[]>();

        UsageRange.Parse("03/01/2026", "2026-03-05", Today, errors);

        Assert.Equal("from must be a date written yyyy-MM-dd; it was '03/01/2026'.", Assert.Single(errors["from"]));
    }
}
