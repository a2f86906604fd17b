using BillingPortal.Domain;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Ledger;

/// <summary>The ledger publishes what it applied through the unit of work: after the commit, never on rollback, once.</summary>
public class CreditLedgerPublishTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostingWithin_IsPublishedOnce_AfterItsUnitHasCommitted()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var observer = new CommitCheckingObserver(db);
        var ledger = observer.Ledger();
        var seenInsideTheUnit = -1;

        var result = await db.Writes.RunAsync(async (scope, ct) =>
        {
            var posted = await ledger.PostCreditWithinAsync(scope, LedgerEntryType.Grant, new Posting(ws, 3_000_000, "grant-1", "Welcome credits"), ct);
            seenInsideTheUnit = observer.Seen.Count;
            return posted;
        }, Ct);

        Assert.Equal(0, seenInsideTheUnit);
        var (change, committed) = Assert.Single(observer.Seen);
        Assert.True(committed);
        Assert.Equal((result.Entry!.Id, 4_000_000L), (change.EntryId, change.SpendableAfterMicros));
    }

    [Fact]
    public async Task PostingWithin_InAUnitThatFailsAfterIt_IsNeitherWrittenNorPublished()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var observer = new CommitCheckingObserver(db);
        var ledger = observer.Ledger();

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.Writes.RunAsync<PostingResult>(async (scope, ct) =>
        {
            await ledger.PostCreditWithinAsync(scope, LedgerEntryType.Grant, new Posting(ws, 3_000_000, "grant-1", "Welcome credits"), ct);
            throw new InvalidOperationException("what the caller wrote next failed");
        }, Ct));

        Assert.Empty(observer.Seen);
        Assert.Equal(0, (await db.WalletAsync(ws)).CreditBalanceMicros);
        Assert.DoesNotContain(await db.EntriesAsync(ws), e => e.IdempotencyKey == "grant-1");
    }

    [Fact]
    public async Task Posting_Replayed_OrRefused_IsNotPublished()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var observer = new CommitCheckingObserver(db);
        var ledger = observer.Ledger();

        await ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(ws, 2_000_000, "buy-1", "Credit purchase"), Ct);
        var replay = await ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(ws, 2_000_000, "buy-1", "Credit purchase"), Ct);
        var refused = await ledger.DebitAsync(new Posting(ws, 50_000_000, "run-1", "Agent usage"), DebitMode.RequireFunds, Ct);

        Assert.Equal((PostingOutcome.Replayed, PostingOutcome.InsufficientFunds), (replay.Outcome, refused.Outcome));
        var (change, committed) = Assert.Single(observer.Seen);
        Assert.True(committed);
        Assert.Equal(LedgerEntryType.Purchase, change.Type);
    }
}
