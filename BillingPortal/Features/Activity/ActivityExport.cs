using BillingPortal.Domain.Audit;
using BillingPortal.Features.Exports;

namespace BillingPortal.Features.Activity;

/// <summary>The audit trail as CSV: every text a person or caller could have typed goes through <see cref="CsvTable.Text{T}"/>.</summary>
public static class ActivityExport
{
    public static string ToCsv(IEnumerable<AuditEntry> rows) => CsvTable.Write(rows,
        CsvTable.Integer<AuditEntry>("Id", r => r.Id),
        CsvTable.Fixed<AuditEntry>("AtUtc", r => BillingPortal.Domain.Text.DateText.Iso(r.At)),
        CsvTable.Text<AuditEntry>("Actor", r => r.ActorLabel),
        CsvTable.Text<AuditEntry>("ActorUserId", r => r.ActorUserId),
        CsvTable.Fixed<AuditEntry>("Source", r => r.Source.ToString()),
        CsvTable.Fixed<AuditEntry>("Action", r => r.Action),
        CsvTable.Text<AuditEntry>("TargetId", r => r.TargetId),
        CsvTable.Text<AuditEntry>("Target", r => r.TargetLabel),
        CsvTable.Text<AuditEntry>("Before", r => r.Before),
        CsvTable.Text<AuditEntry>("After", r => r.After),
        CsvTable.Text<AuditEntry>("CorrelationId", r => r.CorrelationId));
}
