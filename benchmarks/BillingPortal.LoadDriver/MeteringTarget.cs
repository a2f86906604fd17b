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
