using BillingPortal.Domain;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Ledger;

/// <summary>Each posting against a real SQLite file: what it moves, what it records, and that the ledger stays sound.</summary>
public class CreditLedgerTests
{
    private const long FreeAllowance = 1_000_000; // set by a new Free workspace's first entry
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostCredit_Purchase_AddsCreditsAndRecordsTheBalancesAfter()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();

        var result = await db.Ledger.PostCreditAsync(LedgerEntryType.Purchase,
            new Posting(ws, 10_000_000, "checkout-1", "Credit purchase", Reference: "cs_test_1", UserId: "user-1"), Ct);

        Assert.Equal(PostingOutcome.Applied, result.Outcome);
        var entry = Assert.IsType<LedgerEntry>(result.Entry);
        Assert.Equal((LedgerEntryType.Purchase, 10_000_000L, 0L, 10_000_000L, FreeAllowance),
            (entry.Type, entry.CreditDeltaMicros, entry.AllowanceDeltaMicros, entry.BalanceAfterMicros, entry.AllowanceAfterMicros));
        Assert.Equal(("cs_test_1", "user-1", db.Clock.GetUtcNow().UtcDateTime), (entry.Reference, entry.CreatedByUserId, entry.CreatedAt));
        await AssertWalletAsync(db, ws, credits: 10_000_000, allowance: FreeAllowance);
        Assert.Equal(entry.Id, (await db.EntriesAsync(ws))[^1].Id);
    }

    [Fact]
    public async Task Debit_WithinAllowance_SpendsOnlyAllowance()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        await BuyAsync(db, ws, 5_000_000);

        var entry = (await db.Ledger.DebitAsync(new Posting(ws, 400_000, "run-1", "Agent usage"), DebitMode.RequireFunds, Ct)).Entry!;

        Assert.Equal((LedgerEntryType.Usage, 0L, -400_000L), (entry.Type, entry.CreditDeltaMicros, entry.AllowanceDeltaMicros));
        await AssertWalletAsync(db, ws, credits: 5_000_000, allowance: 600_000);
    }

    [Fact]
    public async Task Debit_BeyondAllowance_SpendsAllowanceThenCredits()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        await BuyAsync(db, ws, 5_000_000);

        var entry = (await db.Ledger.DebitAsync(new Posting(ws, 1_500_000, "run-1", "Agent usage"), DebitMode.RequireFunds, Ct)).Entry!;

        Assert.Equal((-500_000L, -FreeAllowance, 4_500_000L, 0L),
            (entry.CreditDeltaMicros, entry.AllowanceDeltaMicros, entry.BalanceAfterMicros, entry.AllowanceAfterMicros));
        await AssertWalletAsync(db, ws, credits: 4_500_000, allowance: 0);
    }

    [Fact]
    public async Task Debit_WithNoAllowanceLeft_SpendsOnlyCredits()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        await BuyAsync(db, ws, 5_000_000);
        await db.Ledger.ResetAllowanceAsync(new Posting(ws, 0, "allowance-none", "No allowance this period"), Ct);

        var entry = (await db.Ledger.DebitAsync(new Posting(ws, 2_000_000, "run-1", "Agent usage"), DebitMode.RequireFunds, Ct)).Entry!;

        Assert.Equal((-2_000_000L, 0L), (entry.CreditDeltaMicros, entry.AllowanceDeltaMicros));
        await AssertWalletAsync(db, ws, credits: 3_000_000, allowance: 0);
    }

    [Fact]
    public async Task Debit_RequireFundsNotCovered_IsRefusedAndWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        await BuyAsync(db, ws, 500_000);
        var before = await db.EntriesAsync(ws);

        var refused = await db.Ledger.DebitAsync(new Posting(ws, 1_500_001, "run-1", "Agent usage"), DebitMode.RequireFunds, Ct);

        Assert.Equal(new PostingResult(PostingOutcome.InsufficientFunds, null, 500_000, FreeAllowance), refused);
        Assert.Equal(before.Count, (await db.EntriesAsync(ws)).Count);
        await AssertWalletAsync(db, ws, credits: 500_000, allowance: FreeAllowance);

        // A refusal records nothing, so the key is still free once the funds are there.
        await BuyAsync(db, ws, 1, "checkout-2");
        var retried = await db.Ledger.DebitAsync(new Posting(ws, 1_500_001, "run-1", "Agent usage"), DebitMode.RequireFunds, Ct);
        Assert.Equal(PostingOutcome.Applied, retried.Outcome);
        await AssertWalletAsync(db, ws, credits: 0, allowance: 0);
    }

    [Fact]
    public async Task Debit_AllowOverdraft_GoesBelowZeroAndThenFundedDebitsAreRefused()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();

        var overdraft = await db.Ledger.DebitAsync(new Posting(ws, 3_000_000, "run-1", "Agent usage"), DebitMode.AllowOverdraft, Ct);
        var funded = await db.Ledger.DebitAsync(new Posting(ws, 1, "run-2", "Agent usage"), DebitMode.RequireFunds, Ct);

        Assert.Equal((-2_000_000L, -FreeAllowance), (overdraft.Entry!.CreditDeltaMicros, overdraft.Entry.AllowanceDeltaMicros));
        Assert.Equal(PostingOutcome.InsufficientFunds, funded.Outcome);
        await AssertWalletAsync(db, ws, credits: -2_000_000, allowance: 0);
    }

    [Fact]
    public async Task PostCredit_Refund_AppendsANegativeEntryAndLeavesThePurchaseAlone()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var purchase = await BuyAsync(db, ws, 10_000_000);

        var refund = await db.Ledger.PostCreditAsync(LedgerEntryType.Refund, new Posting(ws, -2_500_000, "refund-1", "Refund", Reference: "checkout-1"), Ct);

        Assert.Equal((LedgerEntryType.Refund, -2_500_000L, 7_500_000L), (refund.Entry!.Type, refund.Entry.CreditDeltaMicros, refund.Entry.BalanceAfterMicros));
        var stored = (await db.EntriesAsync(ws)).Single(e => e.Id == purchase.Entry!.Id);
        Assert.Equal((10_000_000L, 10_000_000L), (stored.CreditDeltaMicros, stored.BalanceAfterMicros));
        await AssertWalletAsync(db, ws, credits: 7_500_000, allowance: FreeAllowance);
    }

    [Fact]
    public async Task ResetAllowance_AfterSpending_SetsTheFullAmountAndChains()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        await db.Ledger.DebitAsync(new Posting(ws, 700_000, "run-1", "Agent usage"), DebitMode.RequireFunds, Ct);
        db.Clock.Advance(TimeSpan.FromDays(31));

        var reset = await db.Ledger.ResetAllowanceAsync(new Posting(ws, 25_000_000, "allowance-2026-04", "Pro plan allowance"), Ct);

        Assert.Equal((LedgerEntryType.AllowanceReset, 0L, 24_700_000L, 25_000_000L),
            (reset.Entry!.Type, reset.Entry.CreditDeltaMicros, reset.Entry.AllowanceDeltaMicros, reset.Entry.AllowanceAfterMicros));
        Assert.Equal(new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc), reset.Entry.CreatedAt);
        await AssertWalletAsync(db, ws, credits: 0, allowance: 25_000_000);
    }

    [Fact]
    public async Task Posting_WithAt_IsBackdated()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var at = new DateTime(2025, 12, 24, 18, 30, 0, DateTimeKind.Utc);

        var result = await db.Ledger.DebitAsync(new Posting(ws, 10, "import-1", "Imported usage", At: at), DebitMode.AllowOverdraft, Ct);

        Assert.Equal(at, (await db.EntriesAsync(ws)).Single(e => e.Id == result.Entry!.Id).CreatedAt);
    }

    private static Task<PostingResult> BuyAsync(TestDatabase db, Guid ws, long micros, string key = "checkout-1") =>
        db.Ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(ws, micros, key, "Credit purchase"), Ct);

    /// <summary>The wallet holds these balances, and the ledger still adds up to them.</summary>
    private static async Task AssertWalletAsync(TestDatabase db, Guid ws, long credits, long allowance)
    {
        var wallet = await db.WalletAsync(ws);
        Assert.Equal((credits, allowance), (wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros));
        Assert.Empty(await db.AuditAsync(ws));
    }
}
