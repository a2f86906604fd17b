using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace BillingPortal.LoadDriver;

/// <summary>
/// A fresh database on a PostgreSQL server: the one <c>--postgres</c> (or <c>BILLING_LOAD_POSTGRES</c>) names, or
/// else a throwaway server started with <c>scripts/postgres-throwaway.sh</c> that keeps PostgreSQL's own durability
/// settings (fsync on, synchronous commit), as a production server would, and is deleted afterwards.
/// </summary>
internal sealed class PostgresTarget : MeteringTarget
{
    private readonly string repoRoot;
    private readonly string admin;
    private readonly string database;
    private readonly string? throwawayFolder;

    private PostgresTarget(string repoRoot, string admin, string database, string? throwawayFolder)
    {
        this.repoRoot = repoRoot;
        this.admin = admin;
        this.database = database;
        this.throwawayFolder = throwawayFolder;
    }

    /// <summary>The app's: pooled, as in production (the admin connection is not).</summary>
    private string ConnectionString => new NpgsqlConnectionStringBuilder(admin) { Database = database, Pooling = true }.ToString();

    public override string Description => $"PostgreSQL database {database} on {new NpgsqlConnectionStringBuilder(admin).Host}:{new NpgsqlConnectionStringBuilder(admin).Port}"
        + (throwawayFolder is null ? "" : " (a throwaway server, durability on)");

    public override IReadOnlyDictionary<string, string> AppSettings => new Dictionary<string, string>
    {
        ["Database:Provider"] = "Postgres",
        ["ConnectionStrings:Billing"] = ConnectionString,
    };

    public static async Task<PostgresTarget> CreateAsync(string repoRoot, string? server)
    {
        string? folder = null;
        if (server is not { Length: > 0 })
        {
            folder = Path.Combine("/var/tmp/bp-load-postgres", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            server = await ThrowawayAsync(repoRoot, "start", folder, FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = new NpgsqlConnectionStringBuilder(server).Database ?? "postgres", Pooling = false }.ToString();
        var database = $"bp_load_{Guid.NewGuid():N}"[..20];
        await ExecuteAsync(admin, $"CREATE DATABASE \"{database}\"");
        return new PostgresTarget(repoRoot, admin, database, folder);
    }

    /// <summary>
    /// The same rows under the same unique index, in a database of their own, written as fast as PostgreSQL takes
    /// them: 100 rows per transaction, as a batch of prepared INSERTs (one round trip) and as a binary COPY, from one
    /// connection and from 8 (the load's batch clients).
    /// </summary>
    public override async Task<IReadOnlyList<RawLimit>> MeasureRawAsync(int rows)
    {
        var rawDatabase = database + "_raw";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{rawDatabase}\"");
        try
        {
            var raw = new NpgsqlConnectionStringBuilder(admin) { Database = rawDatabase, Pooling = true, MaxPoolSize = 16 }.ToString();
            var results = new List<RawLimit>();
            foreach (var (ids, newId) in new (string, Func<string>)[] { ("v4", () => Guid.NewGuid().ToString()), ("v7", () => Guid.CreateVersion7().ToString()) })
            {
                foreach (var connections in new[] { 1, 8 })
                {
                    results.Add(new($"batched INSERT, 100 rows per transaction, {connections} connection{(connections > 1 ? "s" : "")}", ids,
                        await PostgresRawInserts.RowsPerSecondAsync(raw, rows, connections, newId, copy: false)));
                    results.Add(new($"COPY, 100 rows per transaction, {connections} connection{(connections > 1 ? "s" : "")}", ids,
                        await PostgresRawInserts.RowsPerSecondAsync(raw, rows, connections, newId, copy: true)));
                }
            }
            NpgsqlConnection.ClearAllPools();
            return results;
        }
        finally
        {
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{rawDatabase}\" WITH (FORCE)");
        }
    }

    protected override DbConnection Open()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    protected override object Stored(Guid id) => id;

    protected override object Stored(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc);

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        }
        finally
        {
            if (throwawayFolder is not null)
                await ThrowawayAsync(repoRoot, "stop", throwawayFolder);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ThrowawayAsync(string repoRoot, params string[] args)
    {
        var info = new ProcessStartInfo("bash", [Path.Combine(repoRoot, "scripts", "postgres-throwaway.sh"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["POSTGRES_THROWAWAY_DURABLE"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("bash did not start.");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"postgres-throwaway.sh {string.Join(' ', args)} failed: {error}");
        return output.Trim();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
