using BillingPortal.Domain;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Ledger;

/// <summary>
/// Several debits of one workspace posted in one call (group commit): each must read exactly as if it had been
/// posted alone, one after another, and the audit must find a sound ledger.
/// </summary>
public class CreditLedgerDebitManyTests
{
    private const long FreeAllowance = 1_000_000;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DebitMany_ChainsTheBalancesThroughAllowanceThenCredits_AsIfPostedOneByOne()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        await db.Ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(ws, 2_000_000, "buy", "Credit purchase"), Ct);

        var results = await DebitManyAsync(db, ws, [Debit(ws, "a", 600_000), Debit(ws, "b", 600_000), Debit(ws, "c", 2_500_000)]);

        Assert.All(results, r => Assert.Equal(PostingOutcome.Applied, r.Outcome));
        // a: allowance only; b: the last 400k of allowance then 200k of credits; c: overdraws the credits.
        Assert.Equal([(0L, -600_000L), (-200_000L, -400_000L), (-2_500_000L, 0L)],
            results.Select(r => (r.Entry!.CreditDeltaMicros, r.Entry.AllowanceDeltaMicros)));
        Assert.Equal([(2_000_000L, 400_000L), (1_800_000L, 0L), (-700_000L, 0L)],
            results.Select(r => (r.CreditBalanceMicros, r.AllowanceRemainingMicros)));
        var wallet = await db.WalletAsync(ws);
        Assert.Equal((-700_000L, 0L), (wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros));
        Assert.Empty(await db.AuditAsync(ws));
    }

    [Fact]
    public async Task DebitMany_WithAKeyPostedBefore_OrTwiceInTheCall_ReplaysIt_AndMovesOnlyTheNewOnes()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var earlier = await db.Ledger.DebitAsync(Debit(ws, "old", 100_000), DebitMode.AllowOverdraft, Ct);

        var results = await DebitManyAsync(db, ws, [Debit(ws, "old", 100_000), Debit(ws, "new", 200_000), Debit(ws, "new", 200_000)]);

        Assert.Equal([PostingOutcome.Replayed, PostingOutcome.Applied, PostingOutcome.Replayed], results.Select(r => r.Outcome));
        Assert.Equal(earlier.Entry!.Id, results[0].Entry!.Id);
        Assert.Same(results[1].Entry, results[2].Entry);
        Assert.Equal(FreeAllowance - 300_000, (await db.WalletAsync(ws)).AllowanceRemainingMicros);
        Assert.Equal(1, (await db.EntriesAsync(ws)).Count(e => e.IdempotencyKey == "new"));
    }

    [Fact]
    public async Task DebitMany_RequiringFunds_RefusesOnlyWhatTheBalanceLeftByTheEarlierOnesCannotCover()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();

        var results = await DebitManyAsync(db, ws, [Debit(ws, "a", 700_000), Debit(ws, "b", 700_000), Debit(ws, "c", 300_000)], DebitMode.RequireFunds);

        Assert.Equal([PostingOutcome.Applied, PostingOutcome.InsufficientFunds, PostingOutcome.Applied], results.Select(r => r.Outcome));
        Assert.Equal((0L, 300_000L), (results[1].CreditBalanceMicros, results[1].AllowanceRemainingMicros));
        Assert.Equal(0, (await db.WalletAsync(ws)).AllowanceRemainingMicros);
        Assert.Empty(await db.AuditAsync(ws));
    }

    [Fact]
    public async Task DebitMany_ForAnotherWorkspace_IsRefusedAndWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var other = await db.NewWorkspaceAsync("other@ledger.test");

        await Assert.ThrowsAsync<ArgumentException>(() => DebitManyAsync(db, ws, [Debit(ws, "a", 1), Debit(other, "b", 1)]));

        Assert.Equal(FreeAllowance, (await db.WalletAsync(ws)).AllowanceRemainingMicros);
        Assert.Equal(FreeAllowance, (await db.WalletAsync(other)).AllowanceRemainingMicros);
    }

    private static Posting Debit(Guid ws, string key, long micros) => new(ws, micros, key, "Agent usage");

    private static async Task<IReadOnlyList<PostingResult>> DebitManyAsync(TestDatabase db, Guid ws, IReadOnlyList<Posting> postings, DebitMode mode = DebitMode.AllowOverdraft)
    {
        return await db.Writes.RunAsync((scope, ct) => db.Ledger.DebitManyWithinAsync(scope, ws, postings, mode, ct), Ct);
    }
}
