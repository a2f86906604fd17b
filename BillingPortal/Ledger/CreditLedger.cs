using BillingPortal.Data;
using BillingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Ledger;

public enum PostingOutcome
{
    Applied,
    /// <summary>The idempotency key was used before: nothing changed, and the first entry is returned.</summary>
    Replayed,
    /// <summary>A <see cref="DebitMode.RequireFunds"/> debit that allowance and credits do not cover: nothing written.</summary>
    InsufficientFunds,
}

/// <summary>What a posting did. <see cref="Entry"/> is null only for <see cref="PostingOutcome.InsufficientFunds"/>.</summary>
public sealed record PostingResult(PostingOutcome Outcome, LedgerEntry? Entry, long CreditBalanceMicros, long AllowanceRemainingMicros);

/// <summary>What to post: the key makes retries safe, the reference says what caused it.</summary>
/// <remarks><paramref name="At"/> backdates an entry (demo history, imports); by default it is now.</remarks>
public sealed record Posting(Guid WorkspaceId, long AmountMicros, string IdempotencyKey, string Description, string? Reference = null, string? UserId = null, DateTime? At = null);

/// <summary>
/// The only writer of wallets and ledger entries. Each posting is one transaction: a
/// compare-and-swap of the wallet and one appended entry carrying the balances after it, so
/// concurrent postings serialise, an entry's balances chain, and a replayed key changes nothing.
/// </summary>
public sealed class CreditLedger(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock)
{
    private const int MaxAttempts = 20;

    /// <summary>Moves purchased credits: positive for purchases, top-ups and grants, negative for refunds and disputes.</summary>
    public Task<PostingResult> PostCreditAsync(LedgerEntryType type, Posting posting, CancellationToken ct = default)
    {
        LedgerRules.ValidateCreditPosting(type, posting.AmountMicros);
        return PostAsync(type, posting, (allowance, credits) => new Change(posting.AmountMicros, 0), ct);
    }

    /// <summary>Spends usage: the period's allowance first, then purchased credits.</summary>
    public Task<PostingResult> DebitAsync(Posting posting, DebitMode mode, CancellationToken ct = default) =>
        PostAsync(LedgerEntryType.Usage, posting, (allowance, credits) =>
            LedgerRules.SplitDebit(allowance, credits, posting.AmountMicros, mode) is { } split
                ? new Change(-split.FromCreditsMicros, -split.FromAllowanceMicros)
                : null, ct);

    /// <summary>Sets the allowance to the posting's amount for a new period (an <see cref="LedgerEntryType.AllowanceReset"/> entry).</summary>
    public Task<PostingResult> ResetAllowanceAsync(Posting posting, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(posting.AmountMicros);
        return PostAsync(LedgerEntryType.AllowanceReset, posting, (allowance, _) => new Change(0, posting.AmountMicros - allowance), ct);
    }

    private readonly record struct Change(long CreditDelta, long AllowanceDelta);

    private async Task<PostingResult> PostAsync(LedgerEntryType type, Posting posting, Func<long, long, Change?> decide, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(posting.IdempotencyKey);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(ct);

            if (await FindAsync(db, posting, ct) is { } earlier)
                return Replayed(earlier);

            var wallet = await db.Wallets.AsNoTracking().SingleOrDefaultAsync(w => w.WorkspaceId == posting.WorkspaceId, ct)
                ?? throw new InvalidOperationException($"Workspace {posting.WorkspaceId} has no wallet.");
            if (decide(wallet.AllowanceRemainingMicros, wallet.CreditBalanceMicros) is not { } change)
                return new PostingResult(PostingOutcome.InsufficientFunds, null, wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros);

            var credits = checked(wallet.CreditBalanceMicros + change.CreditDelta);
            var allowance = checked(wallet.AllowanceRemainingMicros + change.AllowanceDelta);
            // Compare-and-swap: if another writer moved the wallet since we read it, start over.
            var swapped = await db.Wallets
                .Where(w => w.WorkspaceId == posting.WorkspaceId
                    && w.CreditBalanceMicros == wallet.CreditBalanceMicros
                    && w.AllowanceRemainingMicros == wallet.AllowanceRemainingMicros)
                .ExecuteUpdateAsync(s => s.SetProperty(w => w.CreditBalanceMicros, credits)
                                          .SetProperty(w => w.AllowanceRemainingMicros, allowance), ct);
            if (swapped == 0)
            {
                await tx.RollbackAsync(ct);
                if (attempt >= MaxAttempts)
                    throw new InvalidOperationException($"The wallet of workspace {posting.WorkspaceId} stayed contended for {MaxAttempts} attempts.");
                continue;
            }

            var entry = new LedgerEntry
            {
                WorkspaceId = posting.WorkspaceId,
                Type = type,
                CreditDeltaMicros = change.CreditDelta,
                AllowanceDeltaMicros = change.AllowanceDelta,
                BalanceAfterMicros = credits,
                AllowanceAfterMicros = allowance,
                IdempotencyKey = posting.IdempotencyKey,
                Reference = posting.Reference,
                Description = posting.Description,
                CreatedByUserId = posting.UserId,
                CreatedAt = posting.At ?? clock.GetUtcNow().UtcDateTime,
            };
            db.LedgerEntries.Add(entry);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return new PostingResult(PostingOutcome.Applied, entry, credits, allowance);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Where writers do not serialise on the wallet first (SQL Server), a concurrent
                // replay of the same key loses here on the unique index: the loop then finds the winner.
                await tx.RollbackAsync(ct);
            }
        }
    }

    private static Task<LedgerEntry?> FindAsync(BillingDbContext db, Posting posting, CancellationToken ct) =>
        db.LedgerEntries.AsNoTracking()
            .FirstOrDefaultAsync(e => e.WorkspaceId == posting.WorkspaceId && e.IdempotencyKey == posting.IdempotencyKey, ct);

    private static PostingResult Replayed(LedgerEntry first) =>
        new(PostingOutcome.Replayed, first, first.BalanceAfterMicros, first.AllowanceAfterMicros);
}
