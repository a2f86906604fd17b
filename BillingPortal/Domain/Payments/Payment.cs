namespace BillingPortal.Domain.Payments;

public enum PaymentProvider
{
    Local = 0,
    Stripe = 1,
}

public enum PaymentPurpose
{
    /// <summary>A one-time purchase of credits through a checkout.</summary>
    CreditPurchase = 0,
    /// <summary>An off-session charge made by auto top-up.</summary>
    AutoTopUp = 1,
    /// <summary>A subscription invoice (the Subscription lifecycle).</summary>
    Invoice = 2,
}

public enum PaymentStatus
{
    /// <summary>Created; the customer has not finished the checkout yet.</summary>
    Pending = 0,
    /// <summary>The customer finished, but the money is not confirmed yet (an async payment method).</summary>
    Processing = 1,
    Succeeded = 2,
    Failed = 3,
    /// <summary>Abandoned or expired before paying.</summary>
    Canceled = 4,
}

/// <summary>
/// One attempt to take money: a checkout for credits, an auto top-up charge or an invoice payment. It is the
/// charge history's row and what every confirmation is checked against (amount, currency, mode, workspace).
/// Credits are granted once, by the ledger entry keyed <c>payment:{Id}</c>, in the same transaction that
/// moves <see cref="Status"/> to <see cref="PaymentStatus.Succeeded"/>.
/// </summary>
public sealed class Payment
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; init; }
    public PaymentPurpose Purpose { get; init; }
    public PaymentProvider Provider { get; init; }
    /// <summary>Stripe's live or test mode when the payment was created; a confirmation in the other mode is refused.</summary>
    public bool LiveMode { get; init; }
    /// <summary>Whole cents, held as micros like all money.</summary>
    public long AmountMicros { get; init; }
    /// <summary>ISO 4217, lower case as Stripe writes it.</summary>
    public string Currency { get; init; } = "usd";
    public PaymentStatus Status { get; set; }
    /// <summary>
    /// Unique per workspace: the client's key for "this purchase" (a dialog instance, an auto top-up attempt),
    /// so a double click or a resubmitted form finds the same payment instead of opening a second checkout.
    /// </summary>
    public required string RequestKey { get; init; }
    public required string Description { get; init; }
    /// <summary>The provider's checkout (Stripe <c>cs_…</c>, or the local checkout's id) and where to send the customer.</summary>
    public string? CheckoutId { get; set; }
    public string? CheckoutUrl { get; set; }
    /// <summary>Stripe <c>pi_…</c> or the local gateway's equivalent.</summary>
    public string? ProviderPaymentId { get; set; }
    /// <summary>Stripe <c>ch_…</c>: refunds and disputes name the charge.</summary>
    public string? ProviderChargeId { get; set; }
    public Guid? PaymentMethodId { get; set; }
    /// <summary>The invoice this payment pays (purpose Invoice only).</summary>
    public Guid? InvoiceId { get; init; }
    /// <summary>Card brand and last four for the charge history, kept even if the card is removed later.</summary>
    public string? CardDescription { get; set; }
    /// <summary>Stripe's decline or error code (<c>card_declined</c>, <c>authentication_required</c>, …).</summary>
    public string? FailureCode { get; set; }
    public string? FailureMessage { get; set; }
    /// <summary>The ledger entry that granted the credits; null until then (and for invoices, which grant none).</summary>
    public long? CreditEntryId { get; set; }
    /// <summary>Totals reversed so far; each refund or dispute adds its own negative ledger entry for the difference.</summary>
    public long RefundedMicros { get; set; }
    public long DisputedMicros { get; set; }
    public string? CreatedByUserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>When it reached Succeeded, Failed or Canceled.</summary>
    public DateTime? CompletedAt { get; set; }
}
