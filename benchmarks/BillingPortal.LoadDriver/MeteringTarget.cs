using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace BillingPortal.LoadDriver;

/// <summary>One measurement of the engine's raw limit: how rows were written, with which ids, and how fast.</summary>
internal sealed record RawLimit(string How, string Ids, double RowsPerSecond);

/// <summary>What the check compares before and after the loads, read straight from the database.</summary>
internal sealed record MeteringTotals(long Receipts, long LineItems, long LineItemCost, long UsageDebits, long Spendable);

/// <summary>
/// The database a metering run writes to (<c>--provider sqlite|postgres</c>): how the app is configured for it,
/// the engine's raw limit for usage-shaped rows under the same unique index, and the totals the check compares.
/// </summary>
internal abstract class MeteringTarget : IAsyncDisposable
{
    public abstract string Description { get; }

    /// <summary>The configuration every app instance gets (provider and connection string).</summary>
    public abstract IReadOnlyDictionary<string, string> AppSettings { get; }

    public abstract Task<IReadOnlyList<RawLimit>> MeasureRawAsync(int rows);

    protected abstract DbConnection Open();

    /// <summary>A key or time as this engine's columns store it (SQLite: text; PostgreSQL: uuid and timestamptz).</summary>
    protected abstract object Stored(Guid id);

    protected abstract object Stored(DateTime utc);

    public abstract ValueTask DisposeAsync();

    /// <summary>An API key for "Acme AI", stored the way the app stores keys: only the SHA-256 of the secret.</summary>
    public (object WorkspaceId, string Secret) CreateKey()
    {
        var secret = "bp_live_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var db = Open();
        using var find = db.CreateCommand();
        find.CommandText = """SELECT "Id" FROM "Workspaces" WHERE "Name" = 'Acme AI'""";
        var workspaceId = find.ExecuteScalar() ?? throw new InvalidOperationException("The demo workspace 'Acme AI' is missing.");
        using var insert = db.CreateCommand();
        insert.CommandText = """
            INSERT INTO "ApiKeys" ("Id", "WorkspaceId", "Name", "Prefix", "SecretHash", "CreatedAt")
            VALUES (@id, @ws, 'load driver', @prefix, @hash, @at)
            """;
        Add(insert, "id", Stored(Guid.NewGuid()));
        Add(insert, "ws", workspaceId);
        Add(insert, "prefix", secret[..12]);
        Add(insert, "hash", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
        Add(insert, "at", Stored(DateTime.UtcNow));
        insert.ExecuteNonQuery();
        return (workspaceId, secret);
    }

    /// <summary>
    /// <paramref name="count"/> budgets on the workspace, as the budgets load needs them: every scope the load's runs fall
    /// in (the workspace, its agent "load-agent") and others beside them, over every period, notify-only with limits the
    /// load never reaches, so every debit adds to counters and every authorize reads them, but nothing is refused.
    /// </summary>
    public void AddBudgets(object workspaceId, int count)
    {
        using var db = Open();
        for (var i = 0; i < count; i++)
        {
            using var insert = db.CreateCommand();
            insert.CommandText = """
                INSERT INTO "Budgets" ("Id", "WorkspaceId", "Scope", "Target", "Period", "LimitMicros", "Action", "Thresholds", "CreatedAt", "CountsFrom", "UpdatedAt")
                VALUES (@id, @ws, @scope, @target, @period, 10000000000000, 0, '50,80,100', @at, @from, @at)
                """;
            var scope = i % 3; // workspace, agent, (another) agent
            Add(insert, "id", Stored(Guid.NewGuid()));
            Add(insert, "ws", workspaceId);
            Add(insert, "scope", scope == 0 ? 0 : 1);
            Add(insert, "target", scope switch { 0 => DBNull.Value, 1 => "load-agent", _ => $"other-agent-{i}" });
            Add(insert, "period", i % 4);
            Add(insert, "at", Stored(DateTime.UtcNow));
            Add(insert, "from", Stored(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
            insert.ExecuteNonQuery();
        }
    }

    public MeteringTotals Totals(object workspaceId)
    {
        using var db = Open();
        long Scalar(string sql)
        {
            using var command = db.CreateCommand();
            command.CommandText = sql;
            Add(command, "ws", workspaceId);
            return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
        }
        return new MeteringTotals(
            Scalar("""SELECT count(*) FROM "UsageEventReceipts" WHERE "WorkspaceId" = @ws"""),
            Scalar("""SELECT count(*) FROM "UsageLineItems" WHERE "WorkspaceId" = @ws"""),
            Scalar("""SELECT coalesce(sum("CostMicros"), 0) FROM "UsageLineItems" WHERE "WorkspaceId" = @ws"""),
            Scalar("""SELECT coalesce(-sum("CreditDeltaMicros" + "AllowanceDeltaMicros"), 0) FROM "LedgerEntries" WHERE "WorkspaceId" = @ws AND "Type" = 2"""),
            Scalar("""SELECT "CreditBalanceMicros" + "AllowanceRemainingMicros" FROM "Wallets" WHERE "WorkspaceId" = @ws"""));
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
