using BillingPortal.Data;
using BillingPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Invoices;

/// <summary>What an invoice will say, before it has a number.</summary>
/// <param name="PeriodStart">The usage period (a period invoice) or the prorated span (an upgrade).</param>
/// <param name="CustomerAddress">The billing address at issue, one line per printed line; kept as it is.</param>
/// <param name="PlanPeriodStart">The period the plan fee pays for, when it is not <paramref name="PeriodStart"/>'s.</param>
public sealed record InvoiceDraft(
    Guid WorkspaceId,
    InvoiceKind Kind,
    string IdempotencyKey,
    string PlanCode,
    DateTime PeriodStart,
    DateTime PeriodEnd,
    DateTime IssuedAt,
    DateTime DueAt,
    string CustomerName,
    string? CustomerEmail,
    IReadOnlyList<InvoiceLineSpec> Lines,
    string? CustomerAddress = null,
    string? CustomerTaxId = null,
    DateTime? PlanPeriodStart = null,
    DateTime? PlanPeriodEnd = null);

/// <summary>
/// The one writer of invoices. It runs inside the caller's transaction, so an invoice, its number and whatever the
/// caller changes with it (a period rolled over, a plan upgraded) commit together or not at all: numbers stay
/// sequential with no gaps, and a rerun with the same idempotency key returns the invoice already issued.
/// </summary>
public static class InvoiceIssuer
{
    public static async Task<InvoiceIssue> IssueWithinAsync(BillingDbContext db, InvoiceDraft draft, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Issuing an invoice needs the caller to begin a transaction first.");
        if (draft.DueAt < draft.IssuedAt)
            throw new ArgumentException("An invoice cannot fall due before it is issued.", nameof(draft));
        if (draft.Lines.Count == 0)
            throw new ArgumentException("An invoice needs at least one line.", nameof(draft));

        var existing = await db.Invoices.Include(i => i.Lines)
            .FirstOrDefaultAsync(i => i.WorkspaceId == draft.WorkspaceId && i.IdempotencyKey == draft.IdempotencyKey, ct);
        if (existing is not null)
            return new InvoiceIssue(existing, Created: false);

        var lines = draft.Lines.Select((l, i) => new InvoiceLine { Position = i, Kind = l.Kind, Description = l.Description, AmountMicros = l.AmountMicros }).ToList();
        var total = lines.Where(l => l.CountsTowardTotal).Sum(l => l.AmountMicros);
        if (total < 0)
            throw new ArgumentException($"An invoice cannot total {total} micro-USD; credits owed are not invoiced.", nameof(draft));

        // The counter's UPDATE takes the write lock (SQLite) or the row's lock (SQL Server) until commit, so concurrent
        // issuers queue, and a rollback returns the number with everything else: no gaps, no duplicates.
        await db.InvoiceNumberCounters.Where(c => c.Id == InvoiceNumberCounter.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastNumber, c => c.LastNumber + 1), ct);
        var number = await db.InvoiceNumberCounters.Where(c => c.Id == InvoiceNumberCounter.SingletonId)
            .Select(c => c.LastNumber).SingleAsync(ct);

        var invoice = new Invoice
        {
            WorkspaceId = draft.WorkspaceId,
            Number = number,
            Kind = draft.Kind,
            // Nothing to collect: a zero invoice is settled the moment it exists.
            Status = total == 0 ? InvoiceStatus.Paid : InvoiceStatus.Open,
            PaidAt = total == 0 ? draft.IssuedAt : null,
            NextPaymentAttemptAt = total == 0 ? null : draft.IssuedAt,
            IdempotencyKey = draft.IdempotencyKey,
            PlanCode = draft.PlanCode,
            PeriodStart = draft.PeriodStart,
            PeriodEnd = draft.PeriodEnd,
            IssuedAt = draft.IssuedAt,
            DueAt = draft.DueAt,
            TotalMicros = total,
            CustomerName = draft.CustomerName,
            CustomerEmail = draft.CustomerEmail,
            CustomerAddress = draft.CustomerAddress,
            CustomerTaxId = draft.CustomerTaxId,
            PlanPeriodStart = draft.PlanPeriodStart,
            PlanPeriodEnd = draft.PlanPeriodEnd,
            Lines = lines,
        };
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(ct);
        return new InvoiceIssue(invoice, Created: true);
    }
}

/// <param name="Created">False when the idempotency key had issued this invoice before.</param>
public sealed record InvoiceIssue(Invoice Invoice, bool Created);
