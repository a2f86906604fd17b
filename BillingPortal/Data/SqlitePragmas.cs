using System.Data.Common;
using Microsoft.Data.Sqlite;
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

    // Pooled connections keep their native handle, and the pragmas live on the handle: set them once per handle,
    // not on every open (a metering request opens two connections, so this saved two statements per request).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> configured = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (AlreadyConfigured(connection))
            return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (AlreadyConfigured(connection))
            return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    private bool AlreadyConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && configured.TryGetValue(handle, out _);

    private void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
            configured.AddOrUpdate(handle, handle);
    }
}
