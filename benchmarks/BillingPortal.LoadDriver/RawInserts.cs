using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace BillingPortal.LoadDriver;

/// <summary>
/// The limit: prepared inserts of usage-shaped rows under the same (workspace, event id) unique key into a WAL
/// SQLite file, 100 rows per transaction like a batch, with nothing else in the way.
/// </summary>
internal static class RawInserts
{
    public static double RowsPerSecond(int rows, Func<string> newId)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("billing-raw-").FullName, "raw.db");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
        Exec(connection, """
            CREATE TABLE Usage (Id INTEGER PRIMARY KEY, WorkspaceId TEXT NOT NULL, EventId TEXT NOT NULL, RunId TEXT NOT NULL,
                Agent TEXT NOT NULL, Timestamp TEXT NOT NULL, Key TEXT NOT NULL, Quantity INTEGER NOT NULL, CostMicros INTEGER NOT NULL);
            CREATE UNIQUE INDEX IX_Usage_Event ON Usage (WorkspaceId, EventId);
            """);
        var workspace = Guid.NewGuid().ToString().ToUpperInvariant();
        var watch = Stopwatch.StartNew();
        for (var done = 0; done < rows; done += 100)
        {
            using var tx = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO Usage (WorkspaceId, EventId, RunId, Agent, Timestamp, Key, Quantity, CostMicros) VALUES ($w, $e, 'run-1', 'load-agent', $t, 'web-search', 1, 10500)";
            var w = insert.Parameters.Add("$w", SqliteType.Text);
            var e = insert.Parameters.Add("$e", SqliteType.Text);
            var t = insert.Parameters.Add("$t", SqliteType.Text);
            insert.Prepare();
            for (var i = 0; i < 100; i++)
            {
                w.Value = workspace;
                e.Value = newId();
                t.Value = "2026-11-22 23:00:00";
                insert.ExecuteNonQuery();
            }
            tx.Commit();
        }
        return rows / watch.Elapsed.TotalSeconds;
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
