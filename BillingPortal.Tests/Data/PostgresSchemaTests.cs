using BillingPortal.Data;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace BillingPortal.Tests.Data;

/// <summary>The PostgreSQL migration set against a real server: from empty, step by step, and what it creates.</summary>
public sealed class PostgresSchemaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MigratedFromEmpty_AndStepByStep_GiveTheSameSchema()
    {
        var atOnce = await EmptyDatabaseAsync();
        var stepwise = await EmptyDatabaseAsync();
        try
        {
            await using (var db = new PostgresBillingDbContext(PostgresServer.PostgresOptions(atOnce)))
                await db.Database.MigrateAsync(Ct);

            int steps;
            await using (var db = new PostgresBillingDbContext(PostgresServer.PostgresOptions(stepwise)))
            {
                var migrator = db.GetService<IMigrator>();
                var all = db.Database.GetMigrations().ToList();
                foreach (var migration in all)
                    await migrator.MigrateAsync(migration, cancellationToken: Ct);
                steps = all.Count;
                Assert.Equal(all, await db.Database.GetAppliedMigrationsAsync(Ct));
            }

            var expected = await SchemaAsync(atOnce);
            Assert.Equal(expected, await SchemaAsync(stepwise));
            Assert.True(steps >= 1);
            // The money tables and the idempotency index are there, with PostgreSQL's own types.
            Assert.Contains("column LedgerEntries.CreatedAt timestamp with time zone not null", expected);
            Assert.Contains("column Wallets.CreditBalanceMicros bigint not null", expected);
            Assert.Contains(expected, line => line.StartsWith("index LedgerEntries.IX_LedgerEntries_WorkspaceId_IdempotencyKey CREATE UNIQUE INDEX", StringComparison.Ordinal));
        }
        finally
        {
            await PostgresServer.DropDatabaseAsync(atOnce);
            await PostgresServer.DropDatabaseAsync(stepwise);
        }
    }

    [Fact]
    public async Task MigratedDatabase_HasNoPendingMigrations_AndRoundTripsUtcTimes()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Postgres);
        var ws = await Ledger.LedgerTesting.NewWorkspaceAsync(database);
        await using var db = database.Open();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(Ct));
        var entry = await db.LedgerEntries.AsNoTracking().FirstAsync(e => e.WorkspaceId == ws, Ct);
        Assert.Equal(DateTimeKind.Utc, entry.CreatedAt.Kind);
        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime, entry.CreatedAt);
    }

    /// <summary>A database with nothing in it (not the migrated template the other tests copy).</summary>
    private static async Task<string> EmptyDatabaseAsync()
    {
        var copy = await PostgresServer.CreateDatabaseAsync(Ct);
        // Start from a truly empty database: drop what the template gave it.
        await using var connection = new NpgsqlConnection(copy);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public;", connection);
        await command.ExecuteNonQueryAsync(Ct);
        return copy;
    }

    /// <summary>Tables, columns (type, nullability, default), constraints and index definitions, one sorted line each.</summary>
    private static async Task<List<string>> SchemaAsync(string connectionString)
    {
        const string sql = """
            SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type
                   || CASE WHEN character_maximum_length IS NOT NULL THEN '(' || character_maximum_length || ')' ELSE '' END
                   || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE ' null' END
                   || COALESCE(' default ' || column_default, '')
            FROM information_schema.columns WHERE table_schema = 'public'
            UNION ALL
            SELECT 'constraint ' || rel.relname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace n ON n.oid = rel.relnamespace
            WHERE n.nspname = 'public'
            UNION ALL
            SELECT 'index ' || tablename || '.' || indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var lines = new List<string>();
        while (await reader.ReadAsync(Ct))
            lines.Add(reader.GetString(0));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
