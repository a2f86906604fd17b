using System.Globalization;
using BillingPortal.Domain.Text;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Usage;

namespace BillingPortal.Tests.Domain.Text;

public sealed class PluralTests
{
    [Theory]
    [InlineData(0, "0 calls")]
    [InlineData(1, "1 call")]
    [InlineData(2, "2 calls")]
    [InlineData(1_500, "1,500 calls")]
    [InlineData(-1, "-1 calls")]
    public void Count_TakesTheSingularOnlyForOne(long count, string expected) =>
        Assert.Equal(expected, Plural.Count(count, "call", "calls", CultureInfo.GetCultureInfo("en-US")));

    [Theory]
    [InlineData(1, UsageMetric.Calls, "1 call")]
    [InlineData(1, UsageMetric.InputTokens, "1 input token")]
    [InlineData(2, UsageMetric.OutputTokens, "2 output tokens")]
    [InlineData(1, UsageMetric.GbHours, "1 GB-hour")]
    public void LineItemQuantity_ReadsRight(long quantity, UsageMetric metric, string expected)
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal(expected, LineItemLabels.Quantity(quantity, metric));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
