namespace BillingPortal.Domain.Usage;

/// <summary>
/// One price on the rate card: <see cref="UnitPriceMicros"/> buys <see cref="UnitSize"/> units of
/// <see cref="Metric"/> for the model or integration <see cref="Key"/> (e.g. $3.00 per 1,000,000 input
/// tokens; storage is priced per GB-month with a unit of 730 GB-hours). Valid from
/// <see cref="EffectiveFrom"/> until <see cref="EffectiveTo"/> (exclusive); a change is a new row, so past
/// usage keeps the price it was charged.
/// </summary>
public sealed class CostRate
{
    public long Id { get; init; }
    public LineItemKind LineItem { get; init; }
    public UsageMetric Metric { get; init; }
    public required string Key { get; init; }
    public required string DisplayName { get; init; }
    public long UnitPriceMicros { get; init; }
    public long UnitSize { get; init; } = 1;
    /// <summary>The platform's fee on top of the unit price, in basis points (1% = 100).</summary>
    public int PlatformFeeBasisPoints { get; init; }
    public DateTime EffectiveFrom { get; init; }
    public DateTime? EffectiveTo { get; set; }
    /// <summary>A plan-specific price beats the general one (null: every plan).</summary>
    public string? PlanCode { get; init; }
}
