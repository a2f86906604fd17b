namespace BillingPortal.Domain.Usage;

/// <summary>Which rate prices a line item: the one in force when the usage happened, for the workspace's plan.</summary>
public static class RateCard
{
    /// <summary>
    /// The rate for (<paramref name="lineItem"/>, <paramref name="key"/>, <paramref name="metric"/>) whose
    /// [EffectiveFrom, EffectiveTo) contains <paramref name="at"/>, the event's own time, so a later rate change
    /// never reprices earlier usage. A rate for <paramref name="planCode"/> beats the general one; among
    /// equals the latest EffectiveFrom wins. Null when nothing prices it.
    /// </summary>
    public static CostRate? Find(IEnumerable<CostRate> rates, LineItemKind lineItem, string key, UsageMetric metric, DateTime at, string? planCode)
    {
        ArgumentNullException.ThrowIfNull(rates);
        CostRate? best = null;
        foreach (var rate in rates)
        {
            if (rate.LineItem != lineItem || rate.Metric != metric || !string.Equals(rate.Key, key, StringComparison.Ordinal))
                continue;
            if (at < rate.EffectiveFrom || (rate.EffectiveTo is { } to && at >= to))
                continue;
            if (rate.PlanCode is not null && !string.Equals(rate.PlanCode, planCode, StringComparison.Ordinal))
                continue;
            if (best is null || Beats(rate, best))
                best = rate;
        }
        return best;
    }

    private static bool Beats(CostRate candidate, CostRate current)
    {
        var candidateSpecific = candidate.PlanCode is not null;
        var currentSpecific = current.PlanCode is not null;
        if (candidateSpecific != currentSpecific)
            return candidateSpecific;
        return candidate.EffectiveFrom > current.EffectiveFrom;
    }

    /// <summary>The metrics a line item is measured in: LLM tokens have two, input and output.</summary>
    public static UsageMetric[] MetricsOf(LineItemKind lineItem) => lineItem switch
    {
        LineItemKind.Llm => [UsageMetric.InputTokens, UsageMetric.OutputTokens],
        LineItemKind.Tool => [UsageMetric.Calls],
        LineItemKind.Storage => [UsageMetric.GbHours],
        _ => throw new ArgumentOutOfRangeException(nameof(lineItem), lineItem, "Unknown line item."),
    };
}
