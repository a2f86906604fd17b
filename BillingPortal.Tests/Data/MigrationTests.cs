using BillingPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace BillingPortal.Tests.Data;

public sealed class MigrationTests
{
    private static readonly string[] BillingTables = ["Workspaces", "WorkspaceMembers", "Subscriptions", "Wallets", "LedgerEntries"];

    [Fact]
    public void SqliteMigrations_MatchTheModel()
    {
        using var db = MigrationContexts.Sqlite();
        Assert.NotEmpty(db.Database.GetMigrations());
        var lags = db.Database.HasPendingModelChanges();
        Assert.False(lags, lags ? "The SQLite migrations lag the model: run scripts/add-migration.sh <Name>. " + Pending(db) : null);
    }

    [Fact]
    public void SqlServerMigrations_MatchTheModel()
    {
        using var db = MigrationContexts.SqlServer();
        Assert.NotEmpty(db.Database.GetMigrations());
        var lags = db.Database.HasPendingModelChanges();
        Assert.False(lags, lags ? "The SQL Server migrations lag the model: run scripts/add-migration.sh <Name>. " + Pending(db) : null);
    }

    [Fact]
    public void PostgresMigrations_MatchTheModel()
    {
        using var db = MigrationContexts.Postgres();
        Assert.NotEmpty(db.Database.GetMigrations());
        var lags = db.Database.HasPendingModelChanges();
        Assert.False(lags, lags ? "The PostgreSQL migrations lag the model: run scripts/add-migration.sh <Name>. " + Pending(db) : null);
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

    /// <summary>What a new migration would do, so a failure names the lag instead of only stating it.</summary>
    private static string Pending(DbContext db)
    {
        var snapshot = db.GetService<IMigrationsAssembly>().ModelSnapshot?.Model;
        if (snapshot is null)
            return "(no snapshot)";
        IModel finalized;
        try
        {
            finalized = ((IMutableModel)snapshot).FinalizeModel();
        }
        catch (InvalidOperationException)
        {
            finalized = (IModel)snapshot; // HasPendingModelChanges finalized it already
        }
        var source = db.GetService<IModelRuntimeInitializer>().Initialize(finalized, validationLogger: null);
        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(source.GetRelationalModel(), db.GetService<IDesignTimeModel>().Model.GetRelationalModel());
        return string.Join("; ", operations.Select(o => o switch
        {
            CreateIndexOperation i => $"create index {i.Name} on {i.Table}",
            DropIndexOperation i => $"drop index {i.Name} on {i.Table}",
            AddColumnOperation c => $"add column {c.Table}.{c.Name}",
            DropColumnOperation c => $"drop column {c.Table}.{c.Name}",
            AlterColumnOperation c => $"alter column {c.Table}.{c.Name}",
            CreateTableOperation t => $"create table {t.Name}",
            DropTableOperation t => $"drop table {t.Name}",
            _ => o.GetType().Name,
        }));
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
