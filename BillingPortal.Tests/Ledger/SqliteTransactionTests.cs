using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Ledger;

/// <summary>What the ledger relies on from SQLite as the app configures it: IMMEDIATE transactions, WAL, a busy timeout.</summary>
public sealed class SqliteTransactionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BeginTransaction_OnSqlite_TakesTheWriteLockBeforeAnyWrite()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.Open();
        await using (var tx = await context.Database.BeginTransactionAsync(Ct))
        {
            await context.Wallets.CountAsync(Ct); // only a read so far

            // A deferred BEGIN would hold no lock yet; an IMMEDIATE one already shuts other writers out.
            var error = await Assert.ThrowsAsync<SqliteException>(() => BeginImmediateOnAnotherConnectionAsync(db));
            Assert.Equal(5, error.SqliteErrorCode); // SQLITE_BUSY
        }
        await BeginImmediateOnAnotherConnectionAsync(db); // released with the transaction
    }

    [Fact]
    public async Task ReadThenWrite_InTwoConcurrentTransactions_BothCommitInTurn()
    {
        await using var db = await TestDatabase.CreateAsync();
        var workspaceId = await db.NewWorkspaceAsync();

        // Each on a thread of its own: Microsoft.Data.Sqlite waits for the lock synchronously.
        await Task.WhenAll(
            Task.Run(() => AddOneCreditAfterReadingAsync(db.Factory, workspaceId), Ct),
            Task.Run(() => AddOneCreditAfterReadingAsync(db.Factory, workspaceId), Ct));

        Assert.Equal(2, (await db.WalletAsync(workspaceId)).CreditBalanceMicros); // no "database is locked", no lost update
    }

    [Fact]
    public async Task ReadThenWrite_InDeferredTransactions_FailsWithDatabaseLocked()
    {
        // The control for the test above: the same work in deferred transactions does fail.
        await using var db = await TestDatabase.CreateAsync();
        var workspaceId = await db.NewWorkspaceAsync();
        var shortTimeout = new SqliteConnectionStringBuilder(db.ConnectionString) { DefaultTimeout = 2 }.ToString();

        var results = await Task.WhenAll(
            Record.ExceptionAsync(() => Task.Run(() => AddOneCreditAfterReadingAsync(db.Factory, workspaceId, shortTimeout), Ct)).AsTask(),
            Record.ExceptionAsync(() => Task.Run(() => AddOneCreditAfterReadingAsync(db.Factory, workspaceId, shortTimeout), Ct)).AsTask());

        var locked = Assert.IsType<SqliteException>(Assert.Single(results, e => e is not null));
        Assert.Contains("database is locked", locked.Message);
        Assert.Equal(1, (await db.WalletAsync(workspaceId)).CreditBalanceMicros);
    }

    [Fact]
    public async Task Connection_AsTheAppOpensIt_IsWalWithABusyTimeout()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var context = db.Open();
        await context.Database.OpenConnectionAsync(Ct);

        Assert.Equal("wal", await PragmaAsync(context, "journal_mode"));
        Assert.Equal("30000", await PragmaAsync(context, "busy_timeout"));
        Assert.Equal("1", await PragmaAsync(context, "foreign_keys"));
    }

    [Fact]
    public async Task Connection_ReusedFromThePool_OrOpenedBesideIt_KeepsThePragmas()
    {
        // The pragmas are set once per native connection, so a pooled one must come back with them still set,
        // and a second connection opened while the first is busy must get its own.
        await using var db = await TestDatabase.CreateAsync();
        await using (var first = db.Open())
        {
            await first.Database.OpenConnectionAsync(Ct);
            await using var beside = db.Open();
            await beside.Database.OpenConnectionAsync(Ct);
            Assert.Equal(("30000", "1"), (await PragmaAsync(beside, "busy_timeout"), await PragmaAsync(beside, "foreign_keys")));
        }
        for (var i = 0; i < 3; i++)
        {
            await using var reused = db.Open();
            await reused.Database.OpenConnectionAsync(Ct);
            Assert.Equal(("30000", "1", "wal"), (await PragmaAsync(reused, "busy_timeout"), await PragmaAsync(reused, "foreign_keys"), await PragmaAsync(reused, "journal_mode")));
        }
    }

    [Fact]
    public async Task Posting_WhileAnotherConnectionHoldsTheWriteLock_WaitsAndApplies()
    {
        await using var db = await TestDatabase.CreateAsync();
        var workspaceId = await db.NewWorkspaceAsync();
        await using var holder = new SqliteConnection(db.ConnectionString);
        await holder.OpenAsync(Ct);
        await using var lockTx = holder.BeginTransaction(deferred: false);

        // Microsoft.Data.Sqlite waits for a lock synchronously, so the posting gets a thread of its own.
        var posting = Task.Run(() => db.Ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(workspaceId, 5_000_000, "buy-1", "Credit purchase"), Ct), Ct);
        await Task.Delay(300, Ct);
        Assert.False(posting.IsCompleted); // waiting on the lock, not failed
        await lockTx.CommitAsync(Ct);

        Assert.Equal(PostingOutcome.Applied, (await posting).Outcome);
        Assert.Equal(5_000_000, (await db.WalletAsync(workspaceId)).CreditBalanceMicros);
    }

    private static async Task BeginImmediateOnAnotherConnectionAsync(TestDatabase db)
    {
        await using var other = new SqliteConnection(db.ConnectionString);
        await other.OpenAsync(Ct);
        // One statement per command: a multi-statement command moves past a BEGIN that timed out.
        foreach (var sql in new[] { "PRAGMA busy_timeout=0", "BEGIN IMMEDIATE", "ROLLBACK" })
        {
            await using var command = other.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 1;
            await command.ExecuteNonQueryAsync(Ct);
        }
    }

    /// <summary>Reads the balance, lets the other writer get going, then writes what it read plus one.</summary>
    private static async Task AddOneCreditAfterReadingAsync(IDbContextFactory<BillingDbContext> factory, Guid workspaceId, string? deferredOn = null)
    {
        await using var context = factory.CreateDbContext();
        if (deferredOn is not null)
            context.Database.SetConnectionString(deferredOn);
        await context.Database.OpenConnectionAsync(Ct);
        await using var tx = deferredOn is null
            ? await context.Database.BeginTransactionAsync(Ct)
            : (await context.Database.UseTransactionAsync(((SqliteConnection)context.Database.GetDbConnection()).BeginTransaction(deferred: true), Ct))!;

        var seen = await context.Wallets.Where(w => w.WorkspaceId == workspaceId).Select(w => w.CreditBalanceMicros).SingleAsync(Ct);
        await Task.Delay(200, Ct);
        await context.Wallets.Where(w => w.WorkspaceId == workspaceId).ExecuteUpdateAsync(s => s.SetProperty(w => w.CreditBalanceMicros, seen + 1), Ct);
        await tx.CommitAsync(Ct);
    }

    private static async Task<string> PragmaAsync(BillingDbContext context, string name)
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
