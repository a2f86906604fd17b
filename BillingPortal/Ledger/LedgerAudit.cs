using System.Data;
using System.Data.Common;
using BillingPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Ledger;

public enum LedgerCheck
{
    /// <summary>The workspace has no wallet row.</summary>
    WalletMissing,
    /// <summary>The wallet's credit balance is not the sum of the entries' credit deltas.</summary>
    CreditBalance,
    /// <summary>The wallet's remaining allowance is not the sum of the entries' allowance deltas.</summary>
    AllowanceBalance,
    /// <summary>An entry's credit balance after it is not the previous entry's plus its delta.</summary>
    CreditChain,
    /// <summary>An entry's allowance after it is not the previous entry's plus its delta.</summary>
    AllowanceChain,
    /// <summary>An entry left the allowance below zero (only credits may go negative).</summary>
    NegativeAllowance,
    /// <summary>An idempotency key is used by more than one entry of the workspace.</summary>
    DuplicateKey,
}

/// <summary>One broken invariant; <see cref="EntryId"/> names the first entry concerned, when there is one.</summary>
public sealed record LedgerDiscrepancy(LedgerCheck Check, string Detail, long? EntryId = null);

/// <summary>
/// Checks one workspace's ledger against its wallet: the balances are the sums of the entries' deltas,
/// the after-balances chain in id order, the allowance never went negative, and keys are unique.
/// Read-only and safe on a live database: everything is read from one consistent view.
/// </summary>
public sealed class LedgerAudit(IDbContextFactory<BillingDbContext> dbFactory)
{
    /// <summary>The discrepancies found in the workspace's ledger; empty when it is sound.</summary>
    public async Task<IReadOnlyList<LedgerDiscrepancy>> CheckAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var view = await BeginConsistentReadAsync(db, ct);

        var found = new List<LedgerDiscrepancy>();
        var wallet = await db.Wallets.AsNoTracking().SingleOrDefaultAsync(w => w.WorkspaceId == workspaceId, ct);
        var (credits, allowance) = await CheckChainAsync(db, workspaceId, found, ct);
        if (wallet is null)
        {
            found.Add(new(LedgerCheck.WalletMissing, $"Workspace {workspaceId} has no wallet."));
        }
        else
        {
            if (wallet.CreditBalanceMicros != credits)
                found.Add(new(LedgerCheck.CreditBalance, $"The wallet holds {wallet.CreditBalanceMicros} micro-USD of credits; its entries sum to {credits}."));
            if (wallet.AllowanceRemainingMicros != allowance)
                found.Add(new(LedgerCheck.AllowanceBalance, $"The wallet has {wallet.AllowanceRemainingMicros} micro-USD of allowance left; its entries sum to {allowance}."));
        }

        var duplicates = await db.LedgerEntries.Where(e => e.WorkspaceId == workspaceId)
            .GroupBy(e => e.IdempotencyKey)
            .Where(g => g.Count() > 1)
            .Select(g => new { Key = g.Key, Count = g.Count(), FirstId = g.Min(e => e.Id) })
            .ToListAsync(ct);
        found.AddRange(duplicates.Select(d => new LedgerDiscrepancy(LedgerCheck.DuplicateKey, $"Idempotency key '{d.Key}' is used by {d.Count} entries.", d.FirstId)));
        return found;
    }

    /// <summary>Walks the entries in id order once; returns the sums of their deltas (wide, so corrupt data cannot overflow them).</summary>
    private static async Task<(Int128 Credits, Int128 Allowance)> CheckChainAsync(BillingDbContext db, Guid workspaceId, List<LedgerDiscrepancy> found, CancellationToken ct)
    {
        Int128 credits = 0, allowance = 0;
        long previousCredits = 0, previousAllowance = 0;
        var entries = db.LedgerEntries.AsNoTracking()
            .Where(e => e.WorkspaceId == workspaceId)
            .OrderBy(e => e.Id)
            .Select(e => new { e.Id, e.CreditDeltaMicros, e.AllowanceDeltaMicros, e.BalanceAfterMicros, e.AllowanceAfterMicros })
            .AsAsyncEnumerable();
        await foreach (var e in entries.WithCancellation(ct))
        {
            credits += e.CreditDeltaMicros;
            allowance += e.AllowanceDeltaMicros;
            // Each link is checked against the previous entry's recorded value, so damage is reported where it is, not on every entry after it.
            if (e.BalanceAfterMicros != (Int128)previousCredits + e.CreditDeltaMicros)
                found.Add(new(LedgerCheck.CreditChain, $"Entry {e.Id} records {e.BalanceAfterMicros} micro-USD of credits after it; {previousCredits} before it and {e.CreditDeltaMicros} moved make {(Int128)previousCredits + e.CreditDeltaMicros}.", e.Id));
            if (e.AllowanceAfterMicros != (Int128)previousAllowance + e.AllowanceDeltaMicros)
                found.Add(new(LedgerCheck.AllowanceChain, $"Entry {e.Id} records {e.AllowanceAfterMicros} micro-USD of allowance after it; {previousAllowance} before it and {e.AllowanceDeltaMicros} moved make {(Int128)previousAllowance + e.AllowanceDeltaMicros}.", e.Id));
            if (e.AllowanceAfterMicros < 0)
                found.Add(new(LedgerCheck.NegativeAllowance, $"Entry {e.Id} leaves the allowance at {e.AllowanceAfterMicros} micro-USD.", e.Id));
            previousCredits = e.BalanceAfterMicros;
            previousAllowance = e.AllowanceAfterMicros;
        }
        return (credits, allowance);
    }

    /// <summary>
    /// SQLite: a deferred transaction reads one WAL snapshot without taking the write lock from postings.
    /// Elsewhere: repeatable read keeps the wallet row share-locked, and every posting locks it first,
    /// so no entry of this workspace can be added while its entries are read.
    /// </summary>
    private static async Task<DbTransaction> BeginConsistentReadAsync(BillingDbContext db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        var tx = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: true)
            : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
        await db.Database.UseTransactionAsync(tx, ct);
        return tx;
    }
}
