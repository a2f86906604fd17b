namespace BillingPortal.Domain;

public enum LedgerEntryType
{
    Purchase = 0,
    AutoTopUp = 1,
    Usage = 2,
    Refund = 3,
    Grant = 4,
    Adjustment = 5,
    /// <summary>The plan's monthly allowance set back to its full amount at a period start.</summary>
    AllowanceReset = 6,
    Dispute = 7,
    /// <summary>A negative credit balance moved onto an invoice as overage: credits go back to zero, the invoice carries the debt.</summary>
    InvoicedOverage = 8,
}

/// <summary>
/// A workspace's two spendable balances: the plan's allowance for this period (spent first)
/// and purchased credits (never expire). Kept equal to the sums of the ledger's deltas.
/// </summary>
public sealed class Wallet
{
    public Guid WorkspaceId { get; init; }
    public long CreditBalanceMicros { get; set; }
    public long AllowanceRemainingMicros { get; set; }
}

/// <summary>
/// One change of a wallet, append-only: nothing updates or deletes an entry; a correction is a new entry.
/// The <c>...AfterMicros</c> fields chain: each equals the previous entry's plus this entry's delta.
/// </summary>
public sealed class LedgerEntry
{
    public long Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public LedgerEntryType Type { get; init; }
    public long CreditDeltaMicros { get; init; }
    public long AllowanceDeltaMicros { get; init; }
    public long BalanceAfterMicros { get; init; }
    public long AllowanceAfterMicros { get; init; }
    /// <summary>Unique per workspace: replaying the same key changes nothing and returns this entry.</summary>
    public required string IdempotencyKey { get; init; }
    /// <summary>What caused it: a run id, checkout session, Stripe event.</summary>
    public string? Reference { get; init; }
    public required string Description { get; init; }
    public string? CreatedByUserId { get; init; }
    public DateTime CreatedAt { get; init; }

    /// <summary>What the entry did to the total spendable amount (allowance + credits).</summary>
    public long TotalDeltaMicros => CreditDeltaMicros + AllowanceDeltaMicros;
}
