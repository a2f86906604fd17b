using BillingPortal.Domain;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Ledger;

public class CreditLedgerIdempotencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Debit_WhenKeyAlreadyUsed_ReturnsFirstResultAndChangesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        await Buy(db, ws, 5_000_000, "checkout-1");
        var posting = new Posting(ws, 2_000_000, "run-1", "Agent usage");

        var first = await db.Ledger.DebitAsync(posting, DebitMode.RequireFunds, Ct);
        await Buy(db, ws, 1_000_000, "checkout-2"); // the wallet moves on
        var replay = await db.Ledger.DebitAsync(posting, DebitMode.RequireFunds, Ct);

        Assert.Equal(PostingOutcome.Replayed, replay.Outcome);
        Assert.Equal(first.Entry!.Id, replay.Entry!.Id);
        Assert.Equal((first.CreditBalanceMicros, first.AllowanceRemainingMicros), (replay.CreditBalanceMicros, replay.AllowanceRemainingMicros));
        Assert.Equal(4, (await db.EntriesAsync(ws)).Count);
        Assert.Equal(5_000_000, (await db.WalletAsync(ws)).CreditBalanceMicros);
    }

    [Fact]
    public async Task Debit_WhenKeyReusedWithADifferentAmount_ReturnsTheFirstEntry()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        await Buy(db, ws, 5_000_000, "checkout-1");

        var first = await db.Ledger.DebitAsync(new Posting(ws, 2_000_000, "run-1", "Agent usage"), DebitMode.RequireFunds, Ct);
        var replay = await db.Ledger.DebitAsync(new Posting(ws, 3_000_000, "run-1", "Agent usage"), DebitMode.AllowOverdraft, Ct);

        Assert.Equal(PostingOutcome.Replayed, replay.Outcome);
        Assert.Equal(first.Entry!.Id, replay.Entry!.Id);
        Assert.Equal(-2_000_000, replay.Entry.TotalDeltaMicros);
        Assert.Equal(4_000_000, (await db.WalletAsync(ws)).CreditBalanceMicros);
        Assert.Empty(await db.AuditAsync(ws));
    }

    [Fact]
    public async Task PostCredit_WhenKeyAlreadyUsed_GrantsOnce()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();

        var outcomes = new List<PostingOutcome>();
        for (var i = 0; i < 3; i++)
            outcomes.Add((await Buy(db, ws, 5_000_000, "cs_test_a1")).Outcome);

        Assert.Equal([PostingOutcome.Applied, PostingOutcome.Replayed, PostingOutcome.Replayed], outcomes);
        Assert.Equal(5_000_000, (await db.WalletAsync(ws)).CreditBalanceMicros);
    }

    [Fact]
    public async Task Posting_SameKeyInTwoWorkspaces_IsTwoEntries()
    {
        await using var db = await TestDatabase.CreateAsync();
        var first = await db.NewWorkspaceAsync("first@ledger.test");
        var second = await db.NewWorkspaceAsync("second@ledger.test");

        var a = await Buy(db, first, 5_000_000, "checkout-1");
        var b = await Buy(db, second, 7_000_000, "checkout-1");

        Assert.Equal((PostingOutcome.Applied, PostingOutcome.Applied), (a.Outcome, b.Outcome));
        Assert.NotEqual(a.Entry!.Id, b.Entry!.Id);
        Assert.Equal(5_000_000, (await db.WalletAsync(first)).CreditBalanceMicros);
        Assert.Equal(7_000_000, (await db.WalletAsync(second)).CreditBalanceMicros);
        Assert.Empty(await db.AuditAsync(first));
        Assert.Empty(await db.AuditAsync(second));
    }

    [Theory]
    [InlineData("zero debit", "positive number of micro-USD")]
    [InlineData("unknown debit mode", "Unknown debit mode 9")]
    [InlineData("negative purchase", "A Purchase entry cannot move -1 micro-USD")]
    [InlineData("positive refund", "A Refund entry cannot move 1 micro-USD")]
    [InlineData("usage posted as credit", "Usage is not posted as a credit movement")]
    [InlineData("negative allowance", "cannot be reset to a negative amount")]
    [InlineData("blank key", "needs an idempotency key")]
    [InlineData("key too long", "An idempotency key is at most 200 characters; this one has 201")]
    [InlineData("blank description", "needs a description")]
    [InlineData("reference too long", "A reference is at most 200 characters; this one has 250")]
    [InlineData("local time", "must be UTC")]
    public async Task Posting_WithBadInput_IsRefusedWithAClearMessageAndWritesNothing(string input, string message)
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        await Buy(db, ws, 5_000_000, "checkout-1");
        var before = await db.EntriesAsync(ws);

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() => Post(db.Ledger, ws, input));

        Assert.Contains(message, error.Message);
        Assert.Equal(before.Count, (await db.EntriesAsync(ws)).Count);
        Assert.Equal((5_000_000L, 1_000_000L), await BalancesAsync(db, ws));
    }

    [Fact]
    public async Task Posting_ToAWorkspaceWithoutAWallet_IsRefusedAndWritesNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var unknown = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Buy(db, unknown, 5_000_000, "checkout-1"));

        Assert.Contains($"Workspace {unknown} has no wallet", error.Message);
        Assert.Empty(await db.EntriesAsync(unknown));
    }

    private static Task<PostingResult> Post(CreditLedger ledger, Guid ws, string input) => input switch
    {
        "zero debit" => ledger.DebitAsync(new Posting(ws, 0, "k", "Usage"), DebitMode.AllowOverdraft, Ct),
        "unknown debit mode" => ledger.DebitAsync(new Posting(ws, 10, "k", "Usage"), (DebitMode)9, Ct),
        "negative purchase" => ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(ws, -1, "k", "Purchase"), Ct),
        "positive refund" => ledger.PostCreditAsync(LedgerEntryType.Refund, new Posting(ws, 1, "k", "Refund"), Ct),
        "usage posted as credit" => ledger.PostCreditAsync(LedgerEntryType.Usage, new Posting(ws, 5, "k", "Usage"), Ct),
        "negative allowance" => ledger.ResetAllowanceAsync(new Posting(ws, -1, "k", "Allowance"), Ct),
        "blank key" => ledger.DebitAsync(new Posting(ws, 10, " ", "Usage"), DebitMode.RequireFunds, Ct),
        "key too long" => ledger.DebitAsync(new Posting(ws, 10, new string('k', 201), "Usage"), DebitMode.RequireFunds, Ct),
        "blank description" => ledger.DebitAsync(new Posting(ws, 10, "k", ""), DebitMode.RequireFunds, Ct),
        "reference too long" => ledger.DebitAsync(new Posting(ws, 10, "k", "Usage", Reference: new string('r', 250)), DebitMode.RequireFunds, Ct),
        "local time" => ledger.DebitAsync(new Posting(ws, 10, "k", "Usage", At: new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Local)), DebitMode.RequireFunds, Ct),
        _ => throw new ArgumentOutOfRangeException(nameof(input), input, "no such case"),
    };

    private static Task<PostingResult> Buy(TestDatabase db, Guid ws, long micros, string key) =>
        db.Ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(ws, micros, key, "Credit purchase"), Ct);

    private static async Task<(long, long)> BalancesAsync(TestDatabase db, Guid ws)
    {
        var wallet = await db.WalletAsync(ws);
        return (wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros);
    }
}
