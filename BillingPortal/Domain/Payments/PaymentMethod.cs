namespace BillingPortal.Domain.Payments;

/// <summary>A card on file. Removing one keeps the row (charge history names it) and sets <see cref="RemovedAt"/>.</summary>
public sealed class PaymentMethod
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; init; }
    public PaymentProvider Provider { get; init; }
    /// <summary>Stripe <c>pm_…</c>, or the local vault's token.</summary>
    public required string ProviderMethodId { get; init; }
    /// <summary>visa, mastercard, amex, discover, … as Stripe names brands.</summary>
    public required string Brand { get; init; }
    public required string Last4 { get; init; }
    public int ExpMonth { get; init; }
    public int ExpYear { get; init; }
    public bool IsDefault { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? RemovedAt { get; set; }

    public bool IsExpired(DateTime utcNow) => ExpYear < utcNow.Year || (ExpYear == utcNow.Year && ExpMonth < utcNow.Month);

    /// <summary>"Visa •••• 4242".</summary>
    public string Display => $"{CardBrands.DisplayName(Brand)} •••• {Last4}";
}

public enum CardSetupStatus
{
    Pending = 0,
    Completed = 1,
    Canceled = 2,
}

/// <summary>An "add a card" checkout (Stripe Checkout in setup mode, or the local one) and the card it produced.</summary>
public sealed class CardSetup
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; init; }
    public PaymentProvider Provider { get; init; }
    public CardSetupStatus Status { get; set; }
    public string? CheckoutId { get; set; }
    public string? CheckoutUrl { get; set; }
    public Guid? PaymentMethodId { get; set; }
    public string? CreatedByUserId { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? CompletedAt { get; set; }
}

/// <summary>The workspace's customer at a provider (Stripe <c>cus_…</c>), created on first need.</summary>
public sealed class PaymentCustomer
{
    public Guid WorkspaceId { get; init; }
    public PaymentProvider Provider { get; init; }
    public required string CustomerId { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>
/// A provider callback seen: Stripe retries and may send an event twice or concurrently. An event whose
/// <see cref="ProcessedAt"/> is set is answered 200 without doing anything; one that crashed halfway is processed
/// again (the effects are idempotent on their own, so this is a fast path and an audit trail, not the guard).
/// </summary>
public sealed class WebhookEvent
{
    public PaymentProvider Provider { get; init; }
    public required string EventId { get; init; }
    public required string Type { get; init; }
    public bool LiveMode { get; init; }
    /// <summary>The event as received (Stripe's JSON), kept for audit and for re-processing after a crash.</summary>
    public string? Payload { get; init; }
    public DateTime ReceivedAt { get; init; }
    public DateTime? ProcessedAt { get; set; }
    /// <summary>What processing concluded, for operators: "credited", "ignored: unknown payment", "mismatch: amount".</summary>
    public string? Outcome { get; set; }
}

public static class CardBrands
{
    public static string DisplayName(string brand) => brand switch
    {
        "visa" => "Visa",
        "mastercard" => "Mastercard",
        "amex" => "American Express",
        "discover" => "Discover",
        "diners" => "Diners Club",
        "jcb" => "JCB",
        "unionpay" => "UnionPay",
        _ => "Card",
    };
}
