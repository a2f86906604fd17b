using BillingPortal.Data;
using BillingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Ledger;

/// <summary>
/// The only writer of wallets and ledger entries. Each posting runs in a <see cref="BillingWrites"/> unit: lock the
/// wallet, look the key up, compare-and-swap the wallet and append one entry carrying the balances after it. So
/// concurrent postings to a wallet serialise, an entry's balances chain, a replayed key changes nothing, and a failure
/// anywhere before commit leaves nothing behind. What it applied is published to <see cref="WalletEvents"/> once the
/// unit has committed (never on rollback), whoever ran the unit.
/// </summary>
public sealed partial class CreditLedger(IDbContextFactory<BillingDbContext> dbFactory, BillingWrites writes, TimeProvider clock, WalletEvents? events = null)
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
    /// Spends usage inside the caller's unit of work, so the debit commits or rolls back with whatever else the caller
    /// writes (usage rows and their receipts). Same lock, replay check, swap and entry as <see cref="DebitAsync"/>, but it
    /// neither begins nor commits: it saves the context's pending changes with the entry. A lost swap throws
    /// <see cref="DbUpdateConcurrencyException"/>; the unit is retried whole. The result is published after the unit commits.
    /// </summary>
    public Task<PostingResult> DebitWithinAsync(WriteScope scope, Posting posting, DebitMode mode, CancellationToken ct = default)
    {
        LedgerRules.ValidateDebit(posting.AmountMicros, mode);
        return WithinAsync(scope, LedgerEntryType.Usage, posting, (allowance, credits) =>
            LedgerRules.SplitDebit(allowance, credits, posting.AmountMicros, mode) is { } split
                ? new Change(-split.FromCreditsMicros, -split.FromAllowanceMicros)
                : null, ct);
    }

    /// <summary>
    /// Posts several usage debits of one workspace, in order, inside the caller's unit of work: as
    /// <see cref="DebitWithinAsync"/> one after another (each result carries the balances after its own entry), but
    /// with one wallet lock, read and swap for all of them. Group commit uses it to write many requests at once.
    /// </summary>
    public async Task<IReadOnlyList<PostingResult>> DebitManyWithinAsync(WriteScope scope, Guid workspaceId, IReadOnlyList<Posting> postings, DebitMode mode, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(postings);
        foreach (var posting in postings)
        {
            if (posting.WorkspaceId != workspaceId)
                throw new ArgumentException($"Posting '{posting.IdempotencyKey}' is for another workspace.", nameof(postings));
            LedgerRules.ValidateDebit(posting.AmountMicros, mode);
            ValidatePosting(posting);
        }
        if (postings.Count == 0)
            return [];
        var results = await ApplyAllAsync(scope, LedgerEntryType.Usage, workspaceId, postings, (posting, allowance, credits) =>
                LedgerRules.SplitDebit(allowance, credits, posting.AmountMicros, mode) is { } split
                    ? new Change(-split.FromCreditsMicros, -split.FromAllowanceMicros)
                    : null, ct)
            ?? throw new DbUpdateConcurrencyException($"The wallet of workspace {workspaceId} moved during the posting.");
        foreach (var result in results)
            PublishAfterCommit(scope, result);
        return results;
    }

    /// <summary>
    /// Moves purchased credits inside the caller's unit of work (a payment marked paid and its credit commit
    /// together). As <see cref="DebitWithinAsync"/>: it neither begins nor commits, and a replayed key returns the first entry.
    /// </summary>
    public Task<PostingResult> PostCreditWithinAsync(WriteScope scope, LedgerEntryType type, Posting posting, CancellationToken ct = default)
    {
        LedgerRules.ValidateCreditPosting(type, posting.AmountMicros);
        return WithinAsync(scope, type, posting, (_, _) => new Change(posting.AmountMicros, 0), ct);
    }

    /// <summary>
    /// Sets the allowance to the posting's amount inside the caller's unit of work (a period rolls over, or a plan
    /// changes, in the same commit as its invoice and the subscription change).
    /// </summary>
    public Task<PostingResult> ResetAllowanceWithinAsync(WriteScope scope, Posting posting, CancellationToken ct = default)
    {
        LedgerRules.ValidateAllowance(posting.AmountMicros);
        return WithinAsync(scope, LedgerEntryType.AllowanceReset, posting,
            (allowance, _) => new Change(0, LedgerRules.AllowanceResetDelta(allowance, posting.AmountMicros)), ct);
    }

    /// <summary>
    /// Raises the allowance by the posting's amount on top of what is left of it (never less than zero), inside the
    /// caller's unit of work: an upgrade adds its prorated allowance. An <see cref="LedgerEntryType.AllowanceReset"/>
    /// entry, decided under the wallet's lock, so no usage debit slips between reading the allowance and setting it.
    /// </summary>
    public Task<PostingResult> RaiseAllowanceWithinAsync(WriteScope scope, Posting posting, CancellationToken ct = default)
    {
        LedgerRules.ValidateAllowance(posting.AmountMicros);
        return WithinAsync(scope, LedgerEntryType.AllowanceReset, posting,
            (allowance, _) => new Change(0, LedgerRules.AllowanceResetDelta(allowance, checked(Math.Max(0, allowance) + posting.AmountMicros))), ct);
    }

    /// <summary>
    /// Opens the wallet of a workspace being created in the caller's unit of work (the workspace row must be added
    /// first), at zero, and sets its first allowance with <paramref name="firstAllowance"/>: the workspace, its wallet
    /// and its first entry commit together.
    /// </summary>
    public async Task<PostingResult> OpenWalletWithinAsync(WriteScope scope, Posting firstAllowance, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var wallet = new Wallet { WorkspaceId = firstAllowance.WorkspaceId };
        scope.Db.Wallets.Add(wallet);
        await scope.Db.SaveChangesAsync(ct);
        // Postings move the row with set-based updates; a tracked copy would only go stale.
        scope.Db.Entry(wallet).State = EntityState.Detached;
        return await ResetAllowanceWithinAsync(scope, firstAllowance, ct);
    }

    private async Task<PostingResult> WithinAsync(WriteScope scope, LedgerEntryType type, Posting posting, Func<long, long, Change?> decide, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ValidatePosting(posting);
        var result = await ApplyAsync(scope, type, posting, decide, ct)
            ?? throw new DbUpdateConcurrencyException($"The wallet of workspace {posting.WorkspaceId} moved during the posting.");
        PublishAfterCommit(scope, result);
        return result;
    }

    /// <summary>An applied entry is told to the observers once the unit has committed; a replay or refusal changed nothing.</summary>
    private void PublishAfterCommit(WriteScope scope, PostingResult result)
    {
        if (events is not null && result.Outcome == PostingOutcome.Applied)
            scope.AfterCommit(ct => events.PublishAsync(result, ct));
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
        try
        {
            // A lost swap throws DbUpdateConcurrencyException inside the unit, which runs the posting again from the lock.
            return await writes.RunAsync((scope, ct) => WithinAsync(scope, type, posting, decide, ct),
                commitWhen: result => result.Outcome == PostingOutcome.Applied, MaxAttempts, ct);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new InvalidOperationException($"The wallet of workspace {posting.WorkspaceId} stayed contended for {MaxAttempts} attempts.", ex);
        }
        catch (DbUpdateException)
        {
            // Only a replay that slipped past the wallet lock loses on the unique key; anything else is a real failure.
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (await FindAsync(db, posting, ct) is { } winner)
                return Replayed(winner);
            throw;
        }
    }

    /// <summary>Lock, replay check, decide, swap and entry on an open transaction; null when the swap lost to another writer.</summary>
    private async Task<PostingResult?> ApplyAsync(WriteScope scope, LedgerEntryType type, Posting posting, Func<long, long, Change?> decide, CancellationToken ct) =>
        (await ApplyAllAsync(scope, type, posting.WorkspaceId, [posting], (_, allowance, credits) => decide(allowance, credits), ct))?[0];

    /// <summary>
    /// Posts one workspace's postings in order with one lock, one replay lookup, one wallet read and one swap: each
    /// entry carries the balances after it, exactly as if they had been posted one by one. Null when the swap lost.
    /// </summary>
    private async Task<PostingResult[]?> ApplyAllAsync(WriteScope scope, LedgerEntryType type, Guid workspaceId, IReadOnlyList<Posting> postings, Func<Posting, long, long, Change?> decide, CancellationToken ct)
    {
        var db = scope.Db;
        // Concurrent postings to one wallet queue here (SQLite: the unit already holds the database's write lock).
        if (!await scope.LockAsync<Wallet>(w => w.WorkspaceId, workspaceId, ct))
            throw new InvalidOperationException($"Workspace {workspaceId} has no wallet.");

        // After the lock, so a concurrent replay of a key sees the first writer's committed entry.
        var keys = postings.Select(p => p.IdempotencyKey).Distinct().ToList();
        var earlier = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.WorkspaceId == workspaceId && keys.Contains(e.IdempotencyKey))
            .ToDictionaryAsync(e => e.IdempotencyKey, StringComparer.Ordinal, ct);

        var wallet = await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == workspaceId, ct);
        var (results, entries, credits, allowance) = Decide(type, postings, earlier, wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros, decide);
        if (entries.Count == 0)
            return results;

        if (!await SwapAsync(db, wallet, credits, allowance, ct))
            return null;
        db.LedgerEntries.AddRange(entries);
        await db.SaveChangesAsync(ct);
        return results;
    }

    /// <summary>
    /// Decides postings of one wallet in order from its balances: each entry carries the balances after it, a key seen
    /// before (in <paramref name="earlier"/> or earlier in the list) is a replay, a refused one changes nothing.
    /// </summary>
    private (PostingResult[] Results, List<LedgerEntry> Entries, long Credits, long Allowance) Decide(LedgerEntryType type, IReadOnlyList<Posting> postings,
        Dictionary<string, LedgerEntry> earlier, long credits, long allowance, Func<Posting, long, long, Change?> decide)
    {
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
        return (results, entries, credits, allowance);
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
