using BillingPortal.Domain.Usage;

namespace BillingPortal.Features.Usage;

/// <summary>
/// What the Usage page and its export show: UTC days <see cref="From"/> to <see cref="To"/> (both
/// included), optionally narrowed to one agent, one model or integration (<see cref="Key"/>) and one API key.
/// </summary>
public sealed record UsageFilter(DateOnly From, DateOnly To, string? Agent = null, string? Key = null, Guid? ApiKeyId = null)
{
    internal DateTime FromUtc => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    internal DateTime ToExclusiveUtc => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
}

/// <summary>Spend attributed to one agent, model/integration or API key.</summary>
public sealed record SpendSlice(string Name, long CostMicros, Guid? ApiKeyId = null);

/// <summary>Totals and chart data for a filter, all read from the daily rollups.</summary>
public sealed record UsageSummary(
    UsageFilter Filter,
    long TotalMicros,
    long LineItems,
    IReadOnlyList<DateOnly> Days,
    IReadOnlyDictionary<LineItemKind, long[]> DailyByLineItem,
    IReadOnlyList<SpendSlice> ByAgent,
    IReadOnlyList<SpendSlice> ByKey,
    IReadOnlyList<SpendSlice> ByApiKey);

/// <summary>One rollup row of the export (day x agent x line item x metric x key x API key).</summary>
public sealed record UsageExportRow(
    DateOnly Day, string Agent, LineItemKind LineItem, UsageMetric Metric, string Key, string ApiKey, long Quantity, int LineItems, long CostMicros);

/// <summary>How the runs table is ordered.</summary>
public enum RunSort
{
    Time,
    Cost,
    Agent,
}

/// <summary>A page of the runs table: zero-based <see cref="Page"/>.</summary>
public sealed record RunQuery(UsageFilter Filter, int Page = 0, int PageSize = 25, RunSort Sort = RunSort.Time, bool Descending = true);

/// <summary>One run as the table lists it.</summary>
public sealed record RunRow(string RunId, string Agent, DateTime FirstAt, DateTime LastAt, int Events, long CostMicros, string? ApiKeyName);

/// <summary>A page of runs and how many match in all.</summary>
/// <param name="MoreThanCounted">True when there are more runs than <see cref="UsageQueryService.RunCountCap"/>; <paramref name="TotalCount"/> is then the cap.</param>
public sealed record RunPage(IReadOnlyList<RunRow> Items, int TotalCount, bool MoreThanCounted = false);

/// <summary>One priced line item of a run, with the rate it was charged at.</summary>
public sealed record RunLineItem(
    long Id, int StepIndex, string StepType, DateTime Timestamp, LineItemKind LineItem, UsageMetric Metric, string Key,
    long Quantity, long RateId, string RateName, long UnitPriceMicros, long UnitSize, int PlatformFeeBasisPoints, long CostMicros, long? DurationMs);

/// <summary>One run with every line item it was charged for, in step order.</summary>
public sealed record RunDetail(string RunId, string Agent, DateTime FirstAt, DateTime LastAt, long CostMicros, string? ApiKeyName, IReadOnlyList<RunLineItem> LineItems);

/// <summary>A range picked on the page: a preset and the days it covers today (any days for a custom range).</summary>
public sealed record UsageRangeChange(UsagePreset Preset, DateOnly From, DateOnly To);
