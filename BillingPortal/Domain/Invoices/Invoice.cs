namespace BillingPortal.Domain.Invoices;

public enum InvoiceStatus
{
    /// <summary>Issued and not paid yet; the default payment method is charged automatically.</summary>
    Open = 0,
    Paid = 1,
    /// <summary>Still unpaid after its due date: the workspace is Past Due until it is paid.</summary>
    PastDue = 2,
    /// <summary>Cancelled; never to be paid (kept, because invoice numbers have no gaps).</summary>
    Void = 3,
}

public enum InvoiceKind
{
    /// <summary>Issued at a billing period's end: the next period's plan fee and the ended period's overage.</summary>
    Period = 0,
    /// <summary>Issued at once when a plan is upgraded mid-period: the price difference for the rest of the period.</summary>
    Proration = 1,
}

/// <summary>
/// A bill sent to a workspace. Numbers are global, sequential and gapless (<see cref="InvoiceNumberCounter"/> moves
/// in the same transaction as the insert). The total is the sum of the lines that count toward it; receipts and the
/// usage summary are listed for the reader but were paid already.
/// </summary>
public sealed class Invoice
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; init; }
    public long Number { get; init; }
    public InvoiceKind Kind { get; init; }
    public InvoiceStatus Status { get; set; }
    /// <summary>Unique per workspace: <c>period:{start:yyyyMMddHHmmss}</c> or <c>upgrade:{request key}</c>, so a rerun finds it.</summary>
    public required string IdempotencyKey { get; init; }
    /// <summary>The plan the invoice bills (for a period invoice, the plan of the period that starts).</summary>
    public required string PlanCode { get; init; }
    /// <summary>The billing period whose usage it covers (UTC, end exclusive): for a period invoice, the one that ended.</summary>
    public DateTime PeriodStart { get; init; }
    public DateTime PeriodEnd { get; init; }
    /// <summary>
    /// The period the plan fee pays for (UTC, end exclusive): for a period invoice, the one that starts, billed in
    /// advance. Null on invoices issued before it was kept, and on invoices whose only period is <see cref="PeriodStart"/>.
    /// </summary>
    public DateTime? PlanPeriodStart { get; init; }
    public DateTime? PlanPeriodEnd { get; init; }
    public DateTime IssuedAt { get; init; }
    public DateTime DueAt { get; init; }
    public long TotalMicros { get; init; }
    public string Currency { get; init; } = "usd";
    /// <summary>The customer as named on the invoice when it was issued (the workspace may be renamed later).</summary>
    public required string CustomerName { get; init; }
    public string? CustomerEmail { get; init; }
    /// <summary>The billing address as it was at issue, one printed line per line; null when none was set. Never updated.</summary>
    public string? CustomerAddress { get; init; }
    /// <summary>The customer's tax id as printed ("EU VAT DE123456789"), as it was at issue; null when none was set.</summary>
    public string? CustomerTaxId { get; init; }
    public DateTime? PaidAt { get; set; }
    public DateTime? VoidedAt { get; set; }
    /// <summary>The latest charge attempt (a <see cref="Payments.Payment"/> with purpose Invoice).</summary>
    public Guid? LastPaymentId { get; set; }
    public int PaymentAttempts { get; set; }
    /// <summary>When the collector tries the default payment method again; null when nothing is scheduled.</summary>
    public DateTime? NextPaymentAttemptAt { get; set; }
    /// <summary>Set when Stripe issued the invoice: its id and hosted PDF, which the download then serves.</summary>
    public string? StripeInvoiceId { get; set; }
    public string? StripePdfUrl { get; set; }

    public List<InvoiceLine> Lines { get; init; } = [];

    /// <summary>How the number is printed: INV-000042.</summary>
    public string DisplayNumber => Format(Number);

    public static string Format(long number) => $"INV-{number:D6}";

    public bool IsPayable => Status is InvoiceStatus.Open or InvoiceStatus.PastDue;

    /// <summary>The lines of <see cref="CustomerAddress"/>.</summary>
    public IReadOnlyList<string> CustomerAddressLines => CustomerAddress?.Split('\n') ?? [];
}

public enum InvoiceLineKind
{
    PlanFee = 0,
    /// <summary>The prorated difference of an upgrade (or a prorated credit, negative).</summary>
    Proration = 1,
    /// <summary>Usage beyond the allowance that credits did not cover (the credit balance below zero).</summary>
    Overage = 2,
    /// <summary>A credit purchase or top-up in the period, already paid: listed, not counted.</summary>
    Receipt = 3,
    /// <summary>The period's usage and what paid for it (allowance, credits): listed, not counted.</summary>
    UsageSummary = 4,
}

public sealed class InvoiceLine
{
    public long Id { get; init; }
    public Guid InvoiceId { get; init; }
    /// <summary>Order on the invoice, from 0.</summary>
    public int Position { get; init; }
    public InvoiceLineKind Kind { get; init; }
    public required string Description { get; init; }
    public long AmountMicros { get; init; }

    /// <summary>Whether the line is part of the amount due; receipts and the usage summary are information.</summary>
    public bool CountsTowardTotal => Kind is InvoiceLineKind.PlanFee or InvoiceLineKind.Proration or InvoiceLineKind.Overage;
}

/// <summary>The single row holding the last issued invoice number; incremented inside the issuing transaction.</summary>
public sealed class InvoiceNumberCounter
{
    public const int SingletonId = 1;
    public int Id { get; init; } = SingletonId;
    public long LastNumber { get; set; }
}
