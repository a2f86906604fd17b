using System.Globalization;
using BillingPortal.Domain;
using CsvHelper;

namespace BillingPortal.Features.Credits;

/// <summary>
/// The ledger export's file shapes. Money is an integer of micro-dollars in a <c>*Micros</c> field, with the
/// same amount formatted (invariant culture, exact) beside it in the CSV for people reading the file.
/// </summary>
public static class LedgerExport
{
    public static string ToCsv(IEnumerable<LedgerRow> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), true))
        {
            csv.WriteRecord(["Id", "CreatedAtUtc", "Type", "Description", "Reference",
                "CreditDeltaMicros", "CreditDelta", "AllowanceDeltaMicros", "AllowanceDelta",
                "BalanceAfterMicros", "BalanceAfter", "AllowanceAfterMicros", "AllowanceAfter"]);
            foreach (var r in rows)
            {
                csv.WriteRecord(
                [
                    Invariant(r.Id), r.CreatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), TypeName(r.Type), r.Description, r.Reference ?? "",
                    Invariant(r.CreditDeltaMicros), Formatted(r.CreditDeltaMicros), Invariant(r.AllowanceDeltaMicros), Formatted(r.AllowanceDeltaMicros),
                    Invariant(r.BalanceAfterMicros), Formatted(r.BalanceAfterMicros), Invariant(r.AllowanceAfterMicros), Formatted(r.AllowanceAfterMicros),
                ]);
            }
            csv.Flush();
        }
        return text.ToString();
    }

    public static LedgerExportDocument ToDocument(Guid workspaceId, LedgerFilter filter, IReadOnlyList<LedgerRow> rows) => new(
        workspaceId, [.. filter.Types.Select(TypeName)], filter.From, filter.To,
        rows.Sum(r => r.CreditDeltaMicros), rows.Sum(r => r.AllowanceDeltaMicros),
        [.. rows.Select(r => new LedgerExportItem(r.Id, DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc), TypeName(r.Type), r.Description, r.Reference,
            r.CreditDeltaMicros, r.AllowanceDeltaMicros, r.BalanceAfterMicros, r.AllowanceAfterMicros))]);

    /// <summary>The name the export and its <c>types</c> parameter use: the enum's name (Purchase, AutoTopUp, Usage…).</summary>
    public static string TypeName(LedgerEntryType type) => type.ToString();

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
    private static string Formatted(long micros) => new Money(micros).ToString();
}

public sealed record LedgerExportDocument(
    Guid WorkspaceId, IReadOnlyList<string> Types, DateOnly? From, DateOnly? To,
    long CreditDeltaTotalMicros, long AllowanceDeltaTotalMicros, IReadOnlyList<LedgerExportItem> Entries);

public sealed record LedgerExportItem(
    long Id, DateTime CreatedAt, string Type, string Description, string? Reference,
    long CreditDeltaMicros, long AllowanceDeltaMicros, long BalanceAfterMicros, long AllowanceAfterMicros);
