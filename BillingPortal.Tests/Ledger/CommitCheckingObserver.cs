using BillingPortal.Data;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Ledger;

/// <summary>
/// Records each wallet change it is told about, and whether its entry was already committed at that moment (read on
/// a connection of its own, which cannot see an open transaction's rows).
/// </summary>
internal sealed class CommitCheckingObserver(TestDatabase db) : IWalletObserver
{
    private readonly List<(WalletChange Change, bool Committed)> seen = [];

    public IReadOnlyList<(WalletChange Change, bool Committed)> Seen
    {
        get { lock (seen) return [.. seen]; }
    }

    public async Task OnWalletChangedAsync(WalletChange change, CancellationToken ct)
    {
        await using var context = db.Open();
        var committed = await context.LedgerEntries.AnyAsync(e => e.Id == change.EntryId, ct);
        lock (seen)
            seen.Add((change, committed));
    }

    /// <summary>A ledger over <paramref name="writes"/> (default: the database's own) that tells this observer.</summary>
    public CreditLedger Ledger(BillingWrites? writes = null) =>
        new(db.Factory, writes ?? db.Writes, db.Clock, new WalletEvents([this], NullLogger<WalletEvents>.Instance));
}
