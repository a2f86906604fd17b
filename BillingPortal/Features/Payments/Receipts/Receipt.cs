using BillingPortal.Domain.Payments;

namespace BillingPortal.Features.Payments.Receipts;

/// <summary>
/// What a receipt shows for one succeeded card payment that no invoice covers (a credit purchase or an automatic
/// top-up): who paid, what for, how much, with which card, and what was refunded or disputed since.
/// </summary>
public sealed record Receipt(
    Guid PaymentId,
    Guid WorkspaceId,
    string Number,
    PaymentPurpose Purpose,
    string Description,
    long AmountMicros,
    string Currency,
    DateTime PaidAt,
    string? Card,
    long RefundedMicros,
    long DisputedMicros,
    ReceiptCustomer Customer)
{
    /// <summary>What the payment still counts for after refunds and disputes.</summary>
    public long NetMicros => AmountMicros - RefundedMicros - DisputedMicros;
}

/// <summary>Who paid, as the receipt addresses them: the workspace's billing details when set (as on invoices).</summary>
public sealed record ReceiptCustomer(string Name, string? Email, string? Address = null, string? TaxId = null)
{
    public IReadOnlyList<string> AddressLines => Address?.Split('\n') ?? [];
}
