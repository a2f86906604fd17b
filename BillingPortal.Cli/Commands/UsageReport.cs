using System.Text.Json.Serialization;
using BillingPortal.Cli.Api;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary>
/// <c>billing usage --json</c>: the range, the grouping and one row per day, agent or model (only that grouping's keys
/// appear in a row), largest cost first for agents and models, oldest first for days.
/// </summary>
public sealed record UsageReport(string Start, string End, string By, long TotalMicros, IReadOnlyList<UsageRow> Data)
{
    public static UsageReport Build(string by, DateOnly start, DateOnly end, IReadOnlyList<CostBucket> buckets)
    {
        List<UsageRow> rows = by switch
        {
            "agent" => [.. buckets.SelectMany(b => b.Results).GroupBy(r => r.Agent ?? "")
                .Select(g => new UsageRow(null, g.Key, null, null, g.Sum(r => r.AmountMicros)))
                .OrderByDescending(r => r.AmountMicros).ThenBy(r => r.Agent, StringComparer.Ordinal)],
            "model" => [.. buckets.SelectMany(b => b.Results).GroupBy(r => (r.Model, r.LineItem))
                .Select(g => new UsageRow(null, null, g.Key.Model, g.Key.LineItem, g.Sum(r => r.AmountMicros)))
                .OrderByDescending(r => r.AmountMicros).ThenBy(r => r.LineItem, StringComparer.Ordinal).ThenBy(r => r.Model, StringComparer.Ordinal)],
            _ => [.. buckets.OrderBy(b => b.Start)
                .Select(b => new UsageRow(Dates.Day(b.Start), null, null, null, b.Results.Sum(r => r.AmountMicros)))],
        };
        return new UsageReport(Dates.Day(start), Dates.Day(end), by, rows.Sum(r => r.AmountMicros), rows);
    }
}

/// <param name="Model">With <c>--by model</c>: the model id; absent on tool and storage lines, which <paramref name="LineItem"/> names.</param>
public sealed record UsageRow(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Day,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Agent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Model,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LineItem,
    long AmountMicros);
