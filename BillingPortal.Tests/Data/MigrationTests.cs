using BillingPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Data;

public sealed class MigrationTests
{
    private static readonly string[] BillingTables = ["Workspaces", "WorkspaceMembers", "Subscriptions", "Wallets", "LedgerEntries"];

    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = MigrationContexts.Sqlite();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The SQLite migrations lag the model: run scripts/add-migration.sh <Name>.");
    }

    [Fact]
    public void SqlServerMigrations_MatchTheModel()
    {
        using var db = MigrationContexts.SqlServer();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The SQL Server migrations lag the model: run scripts/add-migration.sh <Name>.");
    }

    [Fact]
    public void PostgresMigrations_MatchTheModel()
    {
        using var db = MigrationContexts.Postgres();
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), "The PostgreSQL migrations lag the model: run scripts/add-migration.sh <Name>.");
    }

    [Fact]
    public void SqliteAndSqlServerMigrationSets_HaveTheSameMigrationNames()
    {
        using var sqlite = MigrationContexts.Sqlite();
        using var sqlServer = MigrationContexts.SqlServer();
        // Ids start with a timestamp that differs per set; the names after it must pair up.
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public void PostgresMigrationSet_EndsWithTheSameMigrationsAsTheOthers()
    {
        using var sqlite = MigrationContexts.Sqlite();
        using var postgres = MigrationContexts.Postgres();
        // PostgreSQL joined later: its Initial is the model at that time; every migration added since is in all three sets.
        var postgresNames = Names(postgres).ToList();
        Assert.Equal("Initial", postgresNames[0]);
        var sqliteNames = Names(sqlite).ToList();
        Assert.Equal(sqliteNames.TakeLast(postgresNames.Count - 1), postgresNames.Skip(1));
    }

    private static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(id => id[(id.IndexOf('_') + 1)..]);

    [Fact]
    public void SqlServerIdempotentScript_GeneratesOffline_WithBillingTablesAndIdempotencyIndex()
    {
        var script = SqlServerScript.Generate();

        foreach (var table in BillingTables)
            Assert.Contains($"CREATE TABLE [{table}] (", script);
        Assert.Contains("CREATE UNIQUE INDEX [IX_LedgerEntries_WorkspaceId_IdempotencyKey] ON [LedgerEntries] ([WorkspaceId], [IdempotencyKey])", script);
        // Idempotent: each migration is guarded by a look-up in the history table.
        Assert.Contains("IF NOT EXISTS (", script);
        Assert.Contains("[__EFMigrationsHistory]", script);
    }

    [Fact]
    public async Task SqliteMigrations_CreateAFreshFile_InWalMode_WithEveryMigrationApplied()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync();

        await using (var db = database.Open())
        {
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(ct));
            Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        }

        // A plain connection, without the app's pragmas: WAL must be a property of the file itself.
        await using var connection = new SqliteConnection($"Data Source={database.Path};Pooling=False");
        await connection.OpenAsync(ct);
        Assert.Equal("wal", await ScalarAsync(connection, "PRAGMA journal_mode;", ct));
        foreach (var table in BillingTables)
            Assert.Equal(table, await ScalarAsync(connection, $"SELECT name FROM sqlite_master WHERE type = 'table' AND name = '{table}';", ct));
        Assert.Equal("1", await ScalarAsync(connection,
            "SELECT \"unique\" FROM pragma_index_list('LedgerEntries') WHERE name = 'IX_LedgerEntries_WorkspaceId_IdempotencyKey';", ct));
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(ct))?.ToString();
    }
}
