using BillingPortal.Data;
using BillingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Ledger;

/// <summary>
/// The only writer of wallets and ledger entries. Each posting is one transaction: lock the wallet,
/// look the key up, compare-and-swap the wallet and append one entry carrying the balances after it.
/// So concurrent postings to a wallet serialise, an entry's balances chain, a replayed key changes
/// nothing, and a failure anywhere before commit leaves nothing behind.
/// </summary>
public sealed class CreditLedger(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock, WalletEvents? events = null)
{
    private const int MaxAttempts = 20;

    /// <summary>Moves purchased credits: positive for purchases, top-ups and grants, negative for refunds and disputes.</summary>
    public Task<PostingResult> PostCreditAsync(LedgerEntryType type, Posting posting, CancellationToken ct = default)
    {
        LedgerRules.ValidateCreditPosting(type, posting.AmountMicros);
        return PostAsync(type, posting, (_, _) => new Change(posting.AmountMicros, 0), ct);
    }

    /// <summary>Spends usage: the period's allowance first, then purchased credits.</summary>
    public Task<PostingResult> DebitAsync(Posting posting, DebitMode mode, CancellationToken ct = default)
    {
        LedgerRules.ValidateDebit(posting.AmountMicros, mode);
        return PostAsync(LedgerEntryType.Usage, posting, (allowance, credits) =>
            LedgerRules.SplitDebit(allowance, credits, posting.AmountMicros, mode) is { } split
                ? new Change(-split.FromCreditsMicros, -split.FromAllowanceMicros)
                : null, ct);
    }

    /// <summary>Sets the allowance to the posting's amount for a new period (an <see cref="LedgerEntryType.AllowanceReset"/> entry).</summary>
    public Task<PostingResult> ResetAllowanceAsync(Posting posting, CancellationToken ct = default)
    {
        LedgerRules.ValidateAllowance(posting.AmountMicros);
        return PostAsync(LedgerEntryType.AllowanceReset, posting,
            (allowance, _) => new Change(0, LedgerRules.AllowanceResetDelta(allowance, posting.AmountMicros)), ct);
    }

    private readonly record struct Change(long CreditDelta, long AllowanceDelta);

    /// <summary>
    /// Spends usage inside the caller's open transaction on <paramref name="db"/>, so the debit commits or rolls
    /// back with whatever else the caller writes (usage rows and their receipts). Same lock, replay check, swap and
    /// entry as <see cref="DebitAsync"/>, but it neither begins nor commits: it saves the context's pending
    /// changes with the entry. A lost swap throws <see cref="DbUpdateConcurrencyException"/>; the caller retries the whole unit.
    /// The caller publishes the result to <see cref="WalletEvents"/> after its commit.
    /// </summary>
    public Task<PostingResult> DebitWithinAsync(BillingDbContext db, Posting posting, DebitMode mode, CancellationToken ct = default)
    {
        LedgerRules.ValidateDebit(posting.AmountMicros, mode);
        return WithinAsync(db, LedgerEntryType.Usage, posting, (allowance, credits) =>
            LedgerRules.SplitDebit(allowance, credits, posting.AmountMicros, mode) is { } split
                ? new Change(-split.FromCreditsMicros, -split.FromAllowanceMicros)
                : null, ct);
    }

    /// <summary>
    /// Posts several usage debits of one workspace, in order, inside the caller's open transaction: as
    /// <see cref="DebitWithinAsync"/> one after another (each result carries the balances after its own entry), but
    /// with one wallet lock, read and swap for all of them. Group commit uses it to write many requests at once.
    /// </summary>
    public async Task<IReadOnlyList<PostingResult>> DebitManyWithinAsync(BillingDbContext db, Guid workspaceId, IReadOnlyList<Posting> postings, DebitMode mode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(postings);
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A posting within a transaction needs the caller to begin one first.");
        foreach (var posting in postings)
        {
            if (posting.WorkspaceId != workspaceId)
                throw new ArgumentException($"Posting '{posting.IdempotencyKey}' is for another workspace.", nameof(postings));
            LedgerRules.ValidateDebit(posting.AmountMicros, mode);
            ValidatePosting(posting);
        }
        if (postings.Count == 0)
            return [];
        return await ApplyAllAsync(db, LedgerEntryType.Usage, workspaceId, postings, (posting, allowance, credits) =>
                LedgerRules.SplitDebit(allowance, credits, posting.AmountMicros, mode) is { } split
                    ? new Change(-split.FromCreditsMicros, -split.FromAllowanceMicros)
                    : null, ct)
            ?? throw new DbUpdateConcurrencyException($"The wallet of workspace {workspaceId} moved during the posting.");
    }

    /// <summary>
    /// Moves purchased credits inside the caller's open transaction (a payment marked paid and its credit commit
    /// together). As <see cref="DebitWithinAsync"/>: it neither begins nor commits, and a replayed key returns the first entry.
    /// </summary>
    public Task<PostingResult> PostCreditWithinAsync(BillingDbContext db, LedgerEntryType type, Posting posting, CancellationToken ct = default)
    {
        LedgerRules.ValidateCreditPosting(type, posting.AmountMicros);
        return WithinAsync(db, type, posting, (_, _) => new Change(posting.AmountMicros, 0), ct);
    }

    /// <summary>
    /// Sets the allowance to the posting's amount inside the caller's open transaction (a period rolls over, or an
    /// upgrade raises the allowance, in the same commit as its invoice and the subscription change).
    /// </summary>
    public Task<PostingResult> ResetAllowanceWithinAsync(BillingDbContext db, Posting posting, CancellationToken ct = default)
    {
        LedgerRules.ValidateAllowance(posting.AmountMicros);
        return WithinAsync(db, LedgerEntryType.AllowanceReset, posting,
            (allowance, _) => new Change(0, LedgerRules.AllowanceResetDelta(allowance, posting.AmountMicros)), ct);
    }

    private async Task<PostingResult> WithinAsync(BillingDbContext db, LedgerEntryType type, Posting posting, Func<long, long, Change?> decide, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A posting within a transaction needs the caller to begin one first.");
        ValidatePosting(posting);
        return await ApplyAsync(db, type, posting, decide, ct)
            ?? throw new DbUpdateConcurrencyException($"The wallet of workspace {posting.WorkspaceId} moved during the posting.");
    }

    private static void ValidatePosting(Posting posting)
    {
        LedgerRules.ValidateEntryText(posting.IdempotencyKey, posting.Description, posting.Reference);
        if (posting.At is { Kind: not DateTimeKind.Utc } at)
            throw new ArgumentException($"An entry's time must be UTC; {at:O} is {at.Kind}.", nameof(posting));
    }

    private async Task<PostingResult> PostAsync(LedgerEntryType type, Posting posting, Func<long, long, Change?> decide, CancellationToken ct)
    {
        ValidatePosting(posting);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            // The posting is all or nothing, so a savepoint around SaveChanges would only add round trips.
            db.Database.AutoSavepointsEnabled = false;
            // On SQLite this is BEGIN IMMEDIATE: the database's write lock is held from here to commit.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            PostingResult? result;
            try
            {
                result = await ApplyAsync(db, type, posting, decide, ct);
            }
            catch (DbUpdateException)
            {
                await tx.RollbackAsync(ct);
                // Only a replay that slipped past the wallet lock loses on the unique key; anything else is a real failure.
                if (await FindAsync(db, posting, ct) is { } winner)
                    return Replayed(winner);
                throw;
            }
            if (result is null)
            {
                await tx.RollbackAsync(ct);
                if (attempt >= MaxAttempts)
                    throw new InvalidOperationException($"The wallet of workspace {posting.WorkspaceId} stayed contended for {MaxAttempts} attempts.");
                continue;
            }
            if (result.Outcome == PostingOutcome.Applied)
            {
                await tx.CommitAsync(ct);
                if (events is not null)
                    await events.PublishAsync(result, ct);
            }
            return result;
        }
    }

    /// <summary>Lock, replay check, decide, swap and entry on an open transaction; null when the swap lost to another writer.</summary>
    private async Task<PostingResult?> ApplyAsync(BillingDbContext db, LedgerEntryType type, Posting posting, Func<long, long, Change?> decide, CancellationToken ct) =>
        (await ApplyAllAsync(db, type, posting.WorkspaceId, [posting], (_, allowance, credits) => decide(allowance, credits), ct))?[0];

    /// <summary>
    /// Posts one workspace's postings in order with one lock, one replay lookup, one wallet read and one swap: each
    /// entry carries the balances after it, exactly as if they had been posted one by one. Null when the swap lost.
    /// </summary>
    private async Task<PostingResult[]?> ApplyAllAsync(BillingDbContext db, LedgerEntryType type, Guid workspaceId, IReadOnlyList<Posting> postings, Func<Posting, long, long, Change?> decide, CancellationToken ct)
    {
        await LockWalletAsync(db, workspaceId, ct);

        // After the lock, so a concurrent replay of a key sees the first writer's committed entry.
        var keys = postings.Select(p => p.IdempotencyKey).Distinct().ToList();
        var earlier = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.WorkspaceId == workspaceId && keys.Contains(e.IdempotencyKey))
            .ToDictionaryAsync(e => e.IdempotencyKey, StringComparer.Ordinal, ct);

        var wallet = await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == workspaceId, ct);
        var (credits, allowance) = (wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros);
        var results = new PostingResult[postings.Count];
        var entries = new List<LedgerEntry>(postings.Count);
        for (var i = 0; i < postings.Count; i++)
        {
            var posting = postings[i];
            if (earlier.TryGetValue(posting.IdempotencyKey, out var first))
            {
                results[i] = Replayed(first);
                continue;
            }
            if (decide(posting, allowance, credits) is not { } change)
            {
                results[i] = new PostingResult(PostingOutcome.InsufficientFunds, null, credits, allowance);
                continue;
            }
            credits = checked(credits + change.CreditDelta);
            allowance = checked(allowance + change.AllowanceDelta);
            var entry = NewEntry(type, posting, change, credits, allowance);
            earlier[posting.IdempotencyKey] = entry; // the same key twice in one call is a replay of the first
            entries.Add(entry);
            results[i] = new PostingResult(PostingOutcome.Applied, entry, credits, allowance);
        }
        if (entries.Count == 0)
            return results;

        if (!await SwapAsync(db, wallet, credits, allowance, ct))
            return null;
        db.LedgerEntries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        return results;
    }

    /// <summary>
    /// A no-op write that takes the wallet row's write lock first. SQLite already holds the database's;
    /// on PostgreSQL and SQL Server (read committed) it queues a wallet's writers instead of letting their swaps collide.
    /// Writers that append a workspace's rows before they debit (ingestion) take it first, so a replay of their rows on
    /// another instance waits and then finds them, instead of racing them into a unique-key violation or a deadlock.
    /// </summary>
    internal static async Task LockWalletAsync(BillingDbContext db, Guid workspaceId, CancellationToken ct)
    {
        var rows = await db.Wallets.Where(w => w.WorkspaceId == workspaceId)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.CreditBalanceMicros, w => w.CreditBalanceMicros), ct);
        if (rows == 0)
            throw new InvalidOperationException($"Workspace {workspaceId} has no wallet.");
    }

    /// <summary>Compare-and-swap: false when another writer moved the wallet since it was read.</summary>
    private static async Task<bool> SwapAsync(BillingDbContext db, Wallet seen, long credits, long allowance, CancellationToken ct) =>
        await db.Wallets
            .Where(w => w.WorkspaceId == seen.WorkspaceId
                && w.CreditBalanceMicros == seen.CreditBalanceMicros
                && w.AllowanceRemainingMicros == seen.AllowanceRemainingMicros)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.CreditBalanceMicros, credits)
                                      .SetProperty(w => w.AllowanceRemainingMicros, allowance), ct) == 1;

    private LedgerEntry NewEntry(LedgerEntryType type, Posting posting, Change change, long credits, long allowance) => new()
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

    private static Task<LedgerEntry?> FindAsync(BillingDbContext db, Posting posting, CancellationToken ct) =>
        db.LedgerEntries.AsNoTracking()
            .FirstOrDefaultAsync(e => e.WorkspaceId == posting.WorkspaceId && e.IdempotencyKey == posting.IdempotencyKey, ct);

    private static PostingResult Replayed(LedgerEntry first) =>
        new(PostingOutcome.Replayed, first, first.BalanceAfterMicros, first.AllowanceAfterMicros);
}
