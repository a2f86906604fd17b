using BillingPortal.Domain;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Ledger;

/// <summary>The audit finds nothing in a ledger the ledger wrote, and names each kind of damage done behind its back.</summary>
public class LedgerAuditTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Check_OfALedgerWrittenByTheLedger_FindsNothing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await SampleLedgerAsync(db);

        Assert.Empty(await db.AuditAsync(ws));
    }

    [Fact]
    public async Task Check_WhenTheWalletWasEditedBehindTheLedger_ReportsTheBalance()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await SampleLedgerAsync(db);
        await SqlAsync(db, $"""UPDATE "Wallets" SET "CreditBalanceMicros" = "CreditBalanceMicros" + 1 WHERE "WorkspaceId" = {ws}""");

        var found = Assert.Single(await db.AuditAsync(ws));

        Assert.Equal(LedgerCheck.CreditBalance, found.Check);
        Assert.Contains("holds 2500001 micro-USD of credits; its entries sum to 2500000", found.Detail);
    }

    [Fact]
    public async Task Check_WhenAnAfterBalanceWasEdited_ReportsTheBrokenLinks()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await SampleLedgerAsync(db);
        var middle = (await db.EntriesAsync(ws))[2].Id;
        await SqlAsync(db, $"""UPDATE "LedgerEntries" SET "AllowanceAfterMicros" = "AllowanceAfterMicros" + 7 WHERE "Id" = {middle}""");

        var found = await db.AuditAsync(ws);

        // The edited entry no longer follows its predecessor, and its successor no longer follows it.
        Assert.Equal([(LedgerCheck.AllowanceChain, middle), (LedgerCheck.AllowanceChain, middle + 1)], found.Select(d => (d.Check, d.EntryId!.Value)));
    }

    [Fact]
    public async Task Check_WhenADeltaWasEdited_ReportsThatEntryAndTheSum()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await SampleLedgerAsync(db);
        var middle = (await db.EntriesAsync(ws))[2].Id;
        await SqlAsync(db, $"""UPDATE "LedgerEntries" SET "CreditDeltaMicros" = "CreditDeltaMicros" - 5 WHERE "Id" = {middle}""");

        var found = await db.AuditAsync(ws);

        Assert.Equal([LedgerCheck.CreditChain, LedgerCheck.CreditBalance], found.Select(d => d.Check));
        Assert.Equal(middle, found[0].EntryId);
    }

    [Fact]
    public async Task Check_WhenTheAllowanceWentNegative_ReportsTheEntry()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await SampleLedgerAsync(db);
        var last = (await db.EntriesAsync(ws))[^1];
        var down = last.AllowanceAfterMicros + 1;
        await SqlAsync(db, $"""UPDATE "LedgerEntries" SET "AllowanceDeltaMicros" = "AllowanceDeltaMicros" - {down}, "AllowanceAfterMicros" = -1 WHERE "Id" = {last.Id}""");
        await SqlAsync(db, $"""UPDATE "Wallets" SET "AllowanceRemainingMicros" = -1 WHERE "WorkspaceId" = {ws}""");

        var found = Assert.Single(await db.AuditAsync(ws));

        Assert.Equal((LedgerCheck.NegativeAllowance, last.Id), (found.Check, found.EntryId));
    }

    [Fact]
    public async Task Check_WhenAKeyIsUsedTwice_ReportsTheKey()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await SampleLedgerAsync(db);
        var last = (await db.EntriesAsync(ws))[^1];
        // Only possible with the unique index gone: a copy that moves nothing, so only the key is wrong.
        await SqlAsync(db, $"""DROP INDEX "IX_LedgerEntries_WorkspaceId_IdempotencyKey" """);
        await SqlAsync(db, $"""
            INSERT INTO "LedgerEntries" ("WorkspaceId", "Type", "CreditDeltaMicros", "AllowanceDeltaMicros", "BalanceAfterMicros", "AllowanceAfterMicros", "IdempotencyKey", "Description", "CreatedAt")
            SELECT "WorkspaceId", "Type", 0, 0, "BalanceAfterMicros", "AllowanceAfterMicros", "IdempotencyKey", 'copy', "CreatedAt" FROM "LedgerEntries" WHERE "Id" = {last.Id}
            """);

        var found = Assert.Single(await db.AuditAsync(ws));

        Assert.Equal((LedgerCheck.DuplicateKey, last.Id), (found.Check, found.EntryId));
        Assert.Contains($"'{last.IdempotencyKey}' is used by 2 entries", found.Detail);
    }

    [Fact]
    public async Task Check_OfAWorkspaceWithoutAWallet_ReportsIt()
    {
        await using var db = await TestDatabase.CreateAsync();

        var found = Assert.Single(await db.AuditAsync(Guid.NewGuid()));

        Assert.Equal(LedgerCheck.WalletMissing, found.Check);
    }

    /// <summary>Free allowance, a purchase, a split debit, a refund, an overdraft and a reset: every kind of move.</summary>
    private static async Task<Guid> SampleLedgerAsync(TestDatabase db)
    {
        var ws = await db.NewWorkspaceAsync();
        await db.Ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(ws, 5_000_000, "checkout-1", "Credit purchase"), Ct);
        await db.Ledger.DebitAsync(new Posting(ws, 1_500_000, "run-1", "Agent usage"), DebitMode.RequireFunds, Ct);
        await db.Ledger.PostCreditAsync(LedgerEntryType.Refund, new Posting(ws, -1_000_000, "refund-1", "Refund"), Ct);
        await db.Ledger.ResetAllowanceAsync(new Posting(ws, 2_000_000, "allowance-2", "Allowance"), Ct);
        await db.Ledger.DebitAsync(new Posting(ws, 3_000_000, "run-2", "Agent usage"), DebitMode.AllowOverdraft, Ct);
        return ws; // credits 5 - 0.5 - 1 - 1 = 2.5, allowance 0
    }

    private static async Task SqlAsync(TestDatabase db, FormattableString sql)
    {
        await using var context = db.Open();
        await context.Database.ExecuteSqlAsync(sql, Ct);
    }
}
