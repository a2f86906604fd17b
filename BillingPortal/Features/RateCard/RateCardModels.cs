using BillingPortal.Domain;
using BillingPortal.Domain.Usage;

namespace BillingPortal.Features.RateCard;

/// <summary>One price in force: <see cref="UnitPrice"/> per <see cref="Unit"/>, plus the platform fee.</summary>
/// <param name="Unit">What the price buys, in words ("1M tokens", "call", "GB-month").</param>
/// <param name="PlanCode">Set when this price applies to the workspace's plan only.</param>
public sealed record RateLine(
    long RateId, LineItemKind LineItem, UsageMetric Metric, string Key, string DisplayName, Money UnitPrice, string Unit,
    int PlatformFeeBasisPoints, DateTime EffectiveFrom, DateTime? EffectiveTo, string? PlanCode)
{
    /// <summary>The fee as a percentage, e.g. 5 or 2.5.</summary>
    public decimal PlatformFeePercent => PlatformFeeBasisPoints / 100m;
}

/// <summary>An LLM model's input and output prices side by side (either may be missing).</summary>
public sealed record ModelRates(string Key, string DisplayName, RateLine? Input, RateLine? Output);

/// <summary>The rates a workspace pays now, grouped by line item.</summary>
public sealed record RateCardView(
    string PlanName, DateTime AsOf, IReadOnlyList<ModelRates> Models, IReadOnlyList<RateLine> Tools, IReadOnlyList<RateLine> Storage)
{
    public bool IsEmpty => Models.Count == 0 && Tools.Count == 0 && Storage.Count == 0;
}
