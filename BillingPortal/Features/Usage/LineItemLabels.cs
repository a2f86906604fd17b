using BillingPortal.Domain.Text;
using BillingPortal.Domain.Usage;

namespace BillingPortal.Features.Usage;

/// <summary>How line items and metrics read on screen.</summary>
public static class LineItemLabels
{
    public static string Of(LineItemKind kind) => kind switch
    {
        LineItemKind.Llm => "LLM tokens",
        LineItemKind.Tool => "Tool calls",
        LineItemKind.Storage => "Storage",
        _ => kind.ToString(),
    };

    public static string Of(UsageMetric metric) => metric switch
    {
        UsageMetric.InputTokens => "input tokens",
        UsageMetric.OutputTokens => "output tokens",
        UsageMetric.Calls => "calls",
        UsageMetric.GbHours => "GB-hours",
        _ => metric.ToString(),
    };

    /// <summary>A quantity with its unit in the right number: "1 call", "2,000 input tokens", "1 GB-hour".</summary>
    public static string Quantity(long quantity, UsageMetric metric) => metric switch
    {
        UsageMetric.InputTokens => Plural.Count(quantity, "input token", "input tokens"),
        UsageMetric.OutputTokens => Plural.Count(quantity, "output token", "output tokens"),
        UsageMetric.Calls => Plural.Count(quantity, "call", "calls"),
        UsageMetric.GbHours => Plural.Count(quantity, "GB-hour", "GB-hours"),
        _ => Plural.Count(quantity, metric.ToString(), metric.ToString()),
    };
}
