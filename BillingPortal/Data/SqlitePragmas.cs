using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BillingPortal.Data;

/// <summary>
/// Sets each new SQLite connection up for concurrent use: WAL so readers never block the writer,
/// and a busy timeout so a writer waits for the lock instead of failing with "database is locked".
/// Transactions begun by EF on Microsoft.Data.Sqlite are IMMEDIATE (not deferred), so a read that
/// turns into a write inside one cannot fail on the upgrade.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
