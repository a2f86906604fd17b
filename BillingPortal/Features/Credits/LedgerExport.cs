using System.Globalization;
using BillingPortal.Domain;
using BillingPortal.Features.Exports;

namespace BillingPortal.Features.Credits;

/// <summary>
/// The ledger export's file shapes. Money is an integer of micro-dollars in a <c>*Micros</c> field, with the
/// same amount as a number of dollars (<c>*Usd</c>) beside it in the CSV for people reading the file.
/// </summary>
public static class LedgerExport
{
    /// <summary>One CSV line per entry, with a header (columns in docs/exports.md).</summary>
    public static string ToCsv(IEnumerable<LedgerRow> rows) => CsvTable.Write(rows,
        CsvTable.Integer<LedgerRow>("Id", r => r.Id),
        CsvTable.Fixed<LedgerRow>("CreatedAtUtc", r => BillingPortal.Domain.Text.DateText.Iso(r.CreatedAt)),
        CsvTable.Fixed<LedgerRow>("Type", r => TypeName(r.Type)),
        CsvTable.Text<LedgerRow>("Description", r => r.Description),
        CsvTable.Text<LedgerRow>("Reference", r => r.Reference),
        CsvTable.Integer<LedgerRow>("CreditDeltaMicros", r => r.CreditDeltaMicros),
        CsvTable.Usd<LedgerRow>("CreditDeltaUsd", r => r.CreditDeltaMicros),
        CsvTable.Integer<LedgerRow>("AllowanceDeltaMicros", r => r.AllowanceDeltaMicros),
        CsvTable.Usd<LedgerRow>("AllowanceDeltaUsd", r => r.AllowanceDeltaMicros),
        CsvTable.Integer<LedgerRow>("BalanceAfterMicros", r => r.BalanceAfterMicros),
        CsvTable.Usd<LedgerRow>("BalanceAfterUsd", r => r.BalanceAfterMicros),
        CsvTable.Integer<LedgerRow>("AllowanceAfterMicros", r => r.AllowanceAfterMicros),
        CsvTable.Usd<LedgerRow>("AllowanceAfterUsd", r => r.AllowanceAfterMicros));

    public static LedgerExportDocument ToDocument(Guid workspaceId, LedgerFilter filter, IReadOnlyList<LedgerRow> rows) => new(
        workspaceId, [.. filter.Types.Select(TypeName)], filter.From, filter.To,
        rows.Sum(r => r.CreditDeltaMicros), rows.Sum(r => r.AllowanceDeltaMicros),
        LedgerTotalsResponse.From(LedgerTotals.From(rows.Select(r => (r.Type, r.CreditDeltaMicros, r.AllowanceDeltaMicros)))),
        [.. rows.Select(r => new LedgerExportItem(r.Id, DateTime.SpecifyKind(r.CreatedAt, DateTimeKind.Utc), TypeName(r.Type), r.Description, r.Reference,
            r.CreditDeltaMicros, r.AllowanceDeltaMicros, r.BalanceAfterMicros, r.AllowanceAfterMicros))]);

    /// <summary>The name the export and its <c>types</c> parameter use: the enum's name (Purchase, AutoTopUp, Usage…).</summary>
    public static string TypeName(LedgerEntryType type) => type.ToString();

}

public sealed record LedgerExportDocument(
    Guid WorkspaceId, IReadOnlyList<string> Types, DateOnly? From, DateOnly? To,
    long CreditDeltaTotalMicros, long AllowanceDeltaTotalMicros, LedgerTotalsResponse Totals, IReadOnlyList<LedgerExportItem> Entries);

public sealed record LedgerExportItem(
    long Id, DateTime CreatedAt, string Type, string Description, string? Reference,
    long CreditDeltaMicros, long AllowanceDeltaMicros, long BalanceAfterMicros, long AllowanceAfterMicros);
