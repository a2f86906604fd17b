using BillingPortal.Data;
using BillingPortal.Domain.Usage;
using BillingPortal.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BillingPortal.Tests.Data;

/// <summary>
/// Prepared inserts bypass EF's change tracking, so they must store byte for byte what SaveChanges stores:
/// otherwise a Guid written as a blob, or a time in another format, would silently miss every later query.
/// </summary>
public class PreparedInsertTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private TestDatabase database = null!;
    private Guid workspace;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        workspace = await database.Provisioner.CreateTeamWorkspaceAsync("Rows", await database.AddUserAsync("owner@rows.test"), BillingPortal.Domain.PlanCatalog.Pro, trialDays: null, Ct);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    /// <summary>A time to the 100 ns tick on SQLite; PostgreSQL's timestamptz keeps microseconds, whoever writes it.</summary>
    private long SubSecondTicks => database.Engine == Engine.Postgres ? 1_234_560 : 1_234_567;

    private UsageLineItem Line(string eventId, bool optionals) => new()
    {
        WorkspaceId = workspace, EventId = eventId, RunId = "run-é-1", Agent = "support-bot",
        Timestamp = new DateTime(2026, 2, 28, 23, 59, 59, DateTimeKind.Utc).AddTicks(SubSecondTicks), StepIndex = 3, StepType = "llm_call",
        LineItem = LineItemKind.Llm, Metric = UsageMetric.OutputTokens, Key = "gpt-4.1", Quantity = 1_234_567, RateId = 1, CostMicros = 10_370_363,
        DurationMs = optionals ? 1_500 : null, UserId = optionals ? "user-7" : null, PersonaId = optionals ? "persona-2" : null,
        ApiKeyId = optionals ? Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e") : null,
    };

    [Fact]
    public async Task Insert_StoresExactlyWhatSaveChangesStores_ForEveryColumnAndEveryNull()
    {
        await using (var db = database.Open())
        {
            db.UsageLineItems.AddRange(Line("tracked-full", optionals: true), Line("tracked-bare", optionals: false));
            db.UsageEventReceipts.Add(new UsageEventReceipt { WorkspaceId = workspace, EventId = "tracked-full", ReceivedAt = database.Clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync(Ct);
        }
        await using (var db = database.Open())
        {
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            await using (var lines = await PreparedInsert<UsageLineItem>.CreateAsync(db, Ct))
                await lines.InsertAsync([Line("prepared-full", optionals: true), Line("prepared-bare", optionals: false)], Ct);
            await using (var receipts = await PreparedInsert<UsageEventReceipt>.CreateAsync(db, Ct))
                await receipts.InsertAsync([new UsageEventReceipt { WorkspaceId = workspace, EventId = "prepared-full", ReceivedAt = database.Clock.GetUtcNow().UtcDateTime }], Ct);
            await tx.CommitAsync(Ct);
        }

        // Every stored value with its storage class or type, other than the id and the event id that tell the rows apart.
        Assert.Equal(await StoredAsync("UsageLineItems", "tracked-full"), await StoredAsync("UsageLineItems", "prepared-full"));
        Assert.Equal(await StoredAsync("UsageLineItems", "tracked-bare"), await StoredAsync("UsageLineItems", "prepared-bare"));
        Assert.Equal(await StoredAsync("UsageEventReceipts", "tracked-full"), await StoredAsync("UsageEventReceipts", "prepared-full"));

        // And EF finds and reads them back: the workspace Guid matches in a query, the times come back as UTC.
        await using var read = database.Open();
        var back = await read.UsageLineItems.SingleAsync(l => l.WorkspaceId == workspace && l.EventId == "prepared-full", Ct);
        Assert.Equal(WithoutId(Line("prepared-full", optionals: true)), WithoutId(back));
        Assert.Equal(DateTimeKind.Utc, back.Timestamp.Kind);
        Assert.True(back.Id > 0);
        Assert.True(await read.UsageEventReceipts.AnyAsync(r => r.WorkspaceId == workspace && r.EventId == "prepared-full", Ct));
    }

    [Fact]
    public async Task Insert_IsPartOfTheCallersTransaction_AndNeedsOne()
    {
        await using (var db = database.Open())
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => PreparedInsert<UsageLineItem>.CreateAsync(db, Ct));
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            await using var lines = await PreparedInsert<UsageLineItem>.CreateAsync(db, Ct);
            await lines.InsertAsync([Line("rolled-back", optionals: true)], Ct);
            await tx.RollbackAsync(Ct);
        }

        await using var read = database.Open();
        Assert.False(await read.UsageLineItems.AnyAsync(Ct));
    }

    [Fact]
    public async Task Insert_OfAnIdAlreadySeen_FailsOnTheUniqueKey()
    {
        await using var db = database.Open();
        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        await using var receipts = await PreparedInsert<UsageEventReceipt>.CreateAsync(db, Ct);
        var receipt = new UsageEventReceipt { WorkspaceId = workspace, EventId = "once", ReceivedAt = database.Clock.GetUtcNow().UtcDateTime };

        await receipts.InsertAsync([receipt], Ct);
        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => receipts.InsertAsync([receipt], Ct));

        if (database.Engine == Engine.Postgres)
            Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(error).SqlState);
        else
            Assert.Equal(19, Assert.IsType<SqliteException>(error).SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    [Fact]
    public async Task Insert_OfManyRowsInOneCall_StoresEveryRow()
    {
        await using (var db = database.Open())
        {
            await using var tx = await db.Database.BeginTransactionAsync(Ct);
            await using var lines = await PreparedInsert<UsageLineItem>.CreateAsync(db, Ct);
            await lines.InsertAsync(Enumerable.Range(0, 500).Select(i => Line($"many-{i}", optionals: i % 2 == 0)), Ct);
            await tx.CommitAsync(Ct);
        }

        await using var read = database.Open();
        Assert.Equal(500, await read.UsageLineItems.CountAsync(l => l.WorkspaceId == workspace && l.EventId.StartsWith("many-"), Ct));
        Assert.Equal(250, await read.UsageLineItems.CountAsync(l => l.WorkspaceId == workspace && l.EventId.StartsWith("many-") && l.ApiKeyId != null, Ct));
    }

    /// <summary>
    /// Each column as "name=storage class:SQL literal", from SQLite itself (<c>typeof</c> and <c>quote</c>); on
    /// PostgreSQL each column as "name=type:text", from <c>pg_typeof</c> and the value's text form.
    /// </summary>
    private async Task<List<string>> StoredAsync(string table, string eventId)
    {
        if (database.Engine == Engine.Postgres)
            return await StoredOnPostgresAsync(table, eventId);
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
            await using var names = await info.ExecuteReaderAsync(Ct);
            while (await names.ReadAsync(Ct))
                if (names.GetString(0) is not ("Id" or "EventId"))
                    columns.Add(names.GetString(0));
        }
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"'{c}=' || typeof(\"{c}\") || ':' || quote(\"{c}\")"))} FROM \"{table}\" WHERE EventId = $id";
        command.Parameters.AddWithValue("$id", eventId);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), $"{eventId} not stored in {table}");
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList();
    }

    private async Task<List<string>> StoredOnPostgresAsync(string table, string eventId)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        var columns = new List<string>();
        await using (var info = new NpgsqlCommand("SELECT column_name FROM information_schema.columns WHERE table_name = @t ORDER BY ordinal_position", connection))
        {
            info.Parameters.AddWithValue("t", table);
            await using var names = await info.ExecuteReaderAsync(Ct);
            while (await names.ReadAsync(Ct))
                if (names.GetString(0) is not ("Id" or "EventId"))
                    columns.Add(names.GetString(0));
        }
        await using var command = new NpgsqlCommand(
            $"SELECT {string.Join(", ", columns.Select(c => $"'{c}=' || pg_typeof(\"{c}\")::text || ':' || coalesce(\"{c}\"::text, 'NULL')"))} FROM \"{table}\" WHERE \"EventId\" = @id", connection);
        command.Parameters.AddWithValue("id", eventId);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct), $"{eventId} not stored in {table}");
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList();
    }

    private static string WithoutId(UsageLineItem line)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(line))!.AsObject();
        node.Remove(nameof(UsageLineItem.Id));
        return node.ToJsonString();
    }
}
