using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Ledger;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BillingPortal.Tests.Data;

/// <summary>
/// The transaction and lock each engine gets from the unit of work: SQLite's write lock from BEGIN, PostgreSQL's
/// <c>FOR UPDATE</c> that queues a second writer of the row, SQL Server's update lock (its SQL only: no server runs here).
/// </summary>
public sealed class BillingWritesLockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OnSqlite_TheUnitHoldsTheDatabaseWriteLockFromItsStart()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Sqlite);
        SqliteException? whileOpen = null;

        await db.Writes.RunAsync(async (scope, ct) =>
        {
            await scope.Db.Wallets.CountAsync(ct); // only a read so far: a deferred BEGIN would hold no lock yet
            whileOpen = await Record.ExceptionAsync(() => BeginImmediateElsewhereAsync(db)) as SqliteException;
            return 0;
        }, Ct);

        Assert.Equal(5, whileOpen?.SqliteErrorCode); // SQLITE_BUSY: the unit began IMMEDIATE
        await BeginImmediateElsewhereAsync(db); // released at the end of the unit
    }

    [Fact]
    public async Task OnPostgres_ASecondUnitLockingTheRow_WaitsForTheFirstToCommit_ThenSeesItsWrite()
    {
        await using var db = await TestDatabase.CreateAsync(Engine.Postgres);
        var ws = await db.NewWorkspaceAsync();
        var locked = new TaskCompletionSource();
        var release = new TaskCompletionSource();

        var first = db.Writes.RunAsync(async (scope, ct) =>
        {
            await scope.LockAsync<Wallet>(w => w.WorkspaceId, ws, ct);
            scope.Db.CreditSettings.Add(new CreditSettings { WorkspaceId = ws, LowBalanceThresholdMicros = 1 });
            await scope.Db.SaveChangesAsync(ct);
            locked.SetResult();
            await release.Task;
            return 0;
        }, Ct);
        await locked.Task;
        var second = db.Writes.RunAsync(async (scope, ct) =>
        {
            await scope.LockAsync<Wallet>(w => w.WorkspaceId, ws, ct);
            return await scope.Db.CreditSettings.Where(s => s.WorkspaceId == ws).Select(s => (long?)s.LowBalanceThresholdMicros).SingleOrDefaultAsync(ct);
        }, Ct);

        await WaitForAWaitingLockAsync(db);
        Assert.False(second.IsCompleted);
        release.SetResult();
        await first;
        Assert.Equal(1, await second); // read after the lock: what the first committed (read committed)
    }

    [Fact]
    public void LockSql_OnPostgres_SelectsForUpdate_OnTheModelsNames()
    {
        // Built as the app builds it: EF caches one model per context type, and Identity's options shape it.
        using var context = MigrationContexts.Postgres();

        Assert.Equal("SELECT 1 AS \"Value\" FROM \"Wallets\" WHERE \"WorkspaceId\" = {0} FOR UPDATE",
            WriteScope.LockSql<Wallet, Guid>(context, w => w.WorkspaceId));
        Assert.Equal("SELECT 1 AS \"Value\" FROM \"Subscriptions\" WHERE \"WorkspaceId\" = {0} FOR UPDATE",
            WriteScope.LockSql<Subscription, Guid>(context, s => s.WorkspaceId));
    }

    [Fact]
    public void LockSql_OnSqlServer_TakesAnUpdateRowLock_OnTheModelsNames()
    {
        using var context = MigrationContexts.SqlServer();

        Assert.Equal("SELECT 1 AS [Value] FROM [Wallets] WITH (UPDLOCK, ROWLOCK) WHERE [WorkspaceId] = {0}",
            WriteScope.LockSql<Wallet, Guid>(context, w => w.WorkspaceId));
        Assert.Equal("SELECT 1 AS [Value] FROM [Payments] WITH (UPDLOCK, ROWLOCK) WHERE [Id] = {0}",
            WriteScope.LockSql<Payment, Guid>(context, p => p.Id));
    }

    /// <summary>Until a session of this database waits for a lock it has not been granted (the second unit, queued).</summary>
    private static async Task WaitForAWaitingLockAsync(TestDatabase db)
    {
        await using var watcher = new NpgsqlConnection(db.ConnectionString);
        await watcher.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE NOT l.granted AND a.datname = current_database()", watcher);
        // A time-out for a condition read from the server, not a pause that lines up the race: a stopwatch, not the date.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((long)(await command.ExecuteScalarAsync(Ct))! == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "The second unit never waited for the row lock.");
            await Task.Delay(20, Ct);
        }
    }

    private static async Task BeginImmediateElsewhereAsync(TestDatabase db)
    {
        await using var other = new SqliteConnection(db.ConnectionString);
        await other.OpenAsync(Ct);
        foreach (var sql in new[] { "PRAGMA busy_timeout=0", "BEGIN IMMEDIATE", "ROLLBACK" })
        {
            await using var command = other.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 1; // Microsoft.Data.Sqlite retries a busy lock until the command's timeout
            await command.ExecuteNonQueryAsync(Ct);
        }
    }
}
