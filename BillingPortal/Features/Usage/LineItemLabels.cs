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
}
