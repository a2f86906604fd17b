using System.Data.Common;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BillingPortal.Tests.Ledger;

/// <summary>A failure halfway through a posting leaves nothing behind, and its retry applies exactly once.</summary>
public class CreditLedgerFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Debit_WhenSavingTheEntryFailsAfterTheWalletMoved_LeavesNothingAndTheRetryAppliesOnce()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        await db.Ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(ws, 5_000_000, "checkout-1", "Credit purchase"), Ct);
        var fault = new FailFirstEntrySave();
        var faulty = db.FactoryWith(fault);
        var ledger = new CreditLedger(faulty, new BillingWrites(faulty), db.Clock);
        var posting = new Posting(ws, 1_500_000, "run-1", "Agent usage");

        await Assert.ThrowsAsync<IOException>(() => ledger.DebitAsync(posting, DebitMode.RequireFunds, Ct));

        Assert.Equal(4_500_000, fault.CreditsSeenInsideTheTransaction); // the fault struck after the wallet update
        await AssertUnchangedAsync(db, ws, credits: 5_000_000, allowance: 1_000_000, entries: 2);

        var retry = await ledger.DebitAsync(posting, DebitMode.RequireFunds, Ct);
        var again = await ledger.DebitAsync(posting, DebitMode.RequireFunds, Ct);

        Assert.Equal((PostingOutcome.Applied, PostingOutcome.Replayed), (retry.Outcome, again.Outcome));
        Assert.Equal(retry.Entry!.Id, again.Entry!.Id);
        await AssertUnchangedAsync(db, ws, credits: 4_500_000, allowance: 0, entries: 3);
    }

    [Fact]
    public async Task PostCredit_WhenTheCommitFails_LeavesNothingAndTheRetryAppliesOnce()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var fault = new FailFirstCommit();
        var faulty = db.FactoryWith(fault);
        var ledger = new CreditLedger(faulty, new BillingWrites(faulty), db.Clock);
        var posting = new Posting(ws, 5_000_000, "checkout-1", "Credit purchase");

        await Assert.ThrowsAsync<IOException>(() => ledger.PostCreditAsync(LedgerEntryType.Purchase, posting, Ct));
        await AssertUnchangedAsync(db, ws, credits: 0, allowance: 1_000_000, entries: 1);

        var retry = await ledger.PostCreditAsync(LedgerEntryType.Purchase, posting, Ct);
        var again = await ledger.PostCreditAsync(LedgerEntryType.Purchase, posting, Ct);

        Assert.Equal((PostingOutcome.Applied, PostingOutcome.Replayed), (retry.Outcome, again.Outcome));
        await AssertUnchangedAsync(db, ws, credits: 5_000_000, allowance: 1_000_000, entries: 2);
    }

    private static async Task AssertUnchangedAsync(TestDatabase db, Guid ws, long credits, long allowance, int entries)
    {
        var wallet = await db.WalletAsync(ws);
        Assert.Equal((credits, allowance), (wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros));
        Assert.Equal(entries, (await db.EntriesAsync(ws)).Count);
        Assert.Empty(await db.AuditAsync(ws));
    }

    /// <summary>Throws once, as the first ledger entry is about to be inserted, after recording what the transaction sees.</summary>
    private sealed class FailFirstEntrySave : SaveChangesInterceptor
    {
        private int failures;
        public long? CreditsSeenInsideTheTransaction { get; private set; }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var context = eventData.Context!;
            var entry = context.ChangeTracker.Entries<LedgerEntry>().SingleOrDefault(e => e.State == EntityState.Added)?.Entity;
            if (entry is null || Interlocked.Increment(ref failures) > 1)
                return result;
            CreditsSeenInsideTheTransaction = await context.Set<Wallet>().Where(w => w.WorkspaceId == entry.WorkspaceId)
                .Select(w => w.CreditBalanceMicros).SingleAsync(cancellationToken);
            throw new IOException("Injected fault between the wallet update and the entry insert.");
        }
    }

    /// <summary>Throws once, just before a transaction commits.</summary>
    private sealed class FailFirstCommit : DbTransactionInterceptor
    {
        private int failures;

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            Interlocked.Increment(ref failures) == 1
                ? throw new IOException("Injected fault at commit.")
                : ValueTask.FromResult(result);
    }
}
