using System.Globalization;
using BillingPortal.Domain;
using BillingPortal.Features.Exports;

namespace BillingPortal.Features.Usage;

/// <summary>
/// The export's file shapes. Money is an integer of micro-dollars in a <c>*Micros</c> field, with the
/// same amount formatted (invariant culture, exact) beside it for people reading the file.
/// </summary>
public static class UsageExport
{
    /// <summary>One CSV line per rollup row, with a header (columns in docs/exports.md).</summary>
    public static string ToCsv(IEnumerable<UsageExportRow> rows) => CsvTable.Write(rows,
        CsvTable.Fixed<UsageExportRow>("Day", r => BillingPortal.Domain.Text.DateText.Iso(r.Day)),
        CsvTable.Text<UsageExportRow>("Agent", r => r.Agent),
        CsvTable.Fixed<UsageExportRow>("LineItem", r => Name(r.LineItem)),
        CsvTable.Fixed<UsageExportRow>("Metric", r => Name(r.Metric)),
        CsvTable.Text<UsageExportRow>("Key", r => r.Key),
        CsvTable.Text<UsageExportRow>("ApiKey", r => r.ApiKey),
        CsvTable.Integer<UsageExportRow>("Quantity", r => r.Quantity),
        CsvTable.Integer<UsageExportRow>("LineItems", r => r.LineItems),
        CsvTable.Integer<UsageExportRow>("CostMicros", r => r.CostMicros),
        CsvTable.Usd<UsageExportRow>("CostUsd", r => r.CostMicros));

    /// <summary>The JSON document: the filter, the total and the rows.</summary>
    public static UsageExportDocument ToDocument(Guid workspaceId, UsageFilter filter, IReadOnlyList<UsageExportRow> rows)
    {
        var total = rows.Sum(r => r.CostMicros);
        return new UsageExportDocument(
            workspaceId, filter.From, filter.To, filter.Agent, filter.Key, filter.ApiKeyId, total, new Money(total).ToString(),
            [.. rows.Select(r => new UsageExportItem(r.Day, r.Agent, Name(r.LineItem), Name(r.Metric), r.Key, r.ApiKey, r.Quantity, r.LineItems, r.CostMicros, new Money(r.CostMicros).ToString()))]);
    }

    // The API's words for line items and metrics (llm, tool, storage; inputTokens...), not C# enum names.
    private static string Name<T>(T value) where T : struct, Enum => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}

public sealed record UsageExportDocument(
    Guid WorkspaceId, DateOnly From, DateOnly To, string? Agent, string? Key, Guid? ApiKeyId, long TotalMicros, string Total, IReadOnlyList<UsageExportItem> Rows);

public sealed record UsageExportItem(
    DateOnly Day, string Agent, string LineItem, string Metric, string Key, string ApiKey, long Quantity, int LineItems, long CostMicros, string Cost);
