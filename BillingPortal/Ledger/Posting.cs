using BillingPortal.Domain;

namespace BillingPortal.Ledger;

public enum PostingOutcome
{
    Applied,
    /// <summary>The idempotency key was used before: nothing changed, and the first entry is returned.</summary>
    Replayed,
    /// <summary>A <see cref="DebitMode.RequireFunds"/> debit that allowance and credits do not cover: nothing written.</summary>
    InsufficientFunds,
}

/// <summary>
/// What a posting did. <see cref="Entry"/> is null only for <see cref="PostingOutcome.InsufficientFunds"/>.
/// The balances are those after the entry (for a replay, after the first entry), or the current ones when refused.
/// </summary>
public sealed record PostingResult(PostingOutcome Outcome, LedgerEntry? Entry, long CreditBalanceMicros, long AllowanceRemainingMicros);

/// <summary>What to post: the key makes retries safe, the reference says what caused it.</summary>
/// <remarks><paramref name="At"/> (UTC) backdates an entry (demo history, imports); by default it is now.</remarks>
public sealed record Posting(Guid WorkspaceId, long AmountMicros, string IdempotencyKey, string Description, string? Reference = null, string? UserId = null, DateTime? At = null);
