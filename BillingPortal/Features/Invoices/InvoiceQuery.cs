using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Invoices;

/// <summary>One row of the invoices table.</summary>
public sealed record InvoiceRow(
    Guid Id, long Number, InvoiceKind Kind, InvoiceStatus Status, DateTime PeriodStart, DateTime PeriodEnd,
    DateTime IssuedAt, DateTime DueAt, long TotalMicros, bool HostedByStripe)
{
    public string DisplayNumber => Invoice.Format(Number);
}

public sealed record InvoicePage(IReadOnlyList<InvoiceRow> Rows, int TotalCount);

/// <summary>
/// A workspace's invoices, read-only. Every read is scoped by the workspace id, so an invoice id of another
/// workspace finds nothing. Callers check billing:read on that workspace first.
/// </summary>
public sealed class InvoiceQuery(IDbContextFactory<BillingDbContext> dbFactory)
{
    public const int MaxPageSize = 100;

    /// <summary>Newest first (numbers are issued in order), a page at a time.</summary>
    /// <param name="page">Zero-based.</param>
    public async Task<InvoicePage> GetPageAsync(Guid workspaceId, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoices = db.Invoices.AsNoTracking().Where(i => i.WorkspaceId == workspaceId);
        var total = await invoices.CountAsync(ct);
        var rows = await invoices
            .OrderByDescending(i => i.Number)
            .Skip(page * pageSize).Take(pageSize)
            .Select(i => new InvoiceRow(i.Id, i.Number, i.Kind, i.Status, i.PeriodStart, i.PeriodEnd, i.IssuedAt, i.DueAt, i.TotalMicros, i.StripePdfUrl != null))
            .ToListAsync(ct);
        return new InvoicePage(rows, total);
    }

    /// <summary>The invoice with its lines in order, or null when this workspace has no invoice of that id.</summary>
    public async Task<Invoice?> FindAsync(Guid workspaceId, Guid invoiceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines)
            .FirstOrDefaultAsync(i => i.Id == invoiceId && i.WorkspaceId == workspaceId, ct);
        invoice?.Lines.Sort((a, b) => a.Position.CompareTo(b.Position));
        return invoice;
    }

    /// <summary>The workspace's subscription, to say when its first invoice comes; null when it has none.</summary>
    public async Task<Subscription?> FindSubscriptionAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
    }
}
