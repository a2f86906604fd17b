using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.BillingDetails;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments.Receipts;

/// <summary>
/// A payment's receipt, looked up within one workspace only (another workspace's payment id is simply not found).
/// Only succeeded credit purchases and automatic top-ups have one: an invoice payment's document is its invoice.
/// Read-only; callers check billing:read first.
/// </summary>
public sealed class ReceiptQuery(IDbContextFactory<BillingDbContext> dbFactory)
{
    public async Task<Receipt?> FindAsync(Guid workspaceId, Guid paymentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == paymentId && p.WorkspaceId == workspaceId, ct);
        if (payment is null || !ReceiptRules.HasReceipt(payment.Purpose, payment.Status))
            return null;
        var card = payment.CardDescription
            ?? (payment.PaymentMethodId is { } methodId
                ? (await db.PaymentMethods.AsNoTracking().FirstOrDefaultAsync(m => m.Id == methodId && m.WorkspaceId == workspaceId, ct))?.Display
                : null);
        return new Receipt(payment.Id, workspaceId, ReceiptRules.Number(payment.Id), payment.Purpose, payment.Description, payment.AmountMicros,
            payment.Currency, payment.CompletedAt ?? payment.UpdatedAt, card, payment.RefundedMicros, payment.DisputedMicros,
            await CustomerAsync(db, workspaceId, ct));
    }

    /// <summary>The same rule as an invoice's bill-to, read when the receipt is shown (a receipt has no snapshot of its own).</summary>
    private static async Task<ReceiptCustomer> CustomerAsync(BillingDbContext db, Guid workspaceId, CancellationToken ct)
    {
        var customer = await InvoiceCustomer.ReadAsync(db, workspaceId, ct);
        return new ReceiptCustomer(customer.Name, customer.Email, customer.Address, customer.TaxId);
    }
}
