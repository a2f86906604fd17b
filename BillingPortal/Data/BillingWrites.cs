using System.Data;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Data;

/// <summary>
/// The one way to write: open a context and the transaction the provider needs (SQLite: <c>BEGIN IMMEDIATE</c>, so
/// the database's write lock is held from the first statement; PostgreSQL and SQL Server: read committed, with the
/// rows the work protects locked through <see cref="WriteScope.LockAsync{TEntity}"/>), run the work, save and commit,
/// then run what the work asked to happen after the commit (the ledger's wallet events). A work that throws, or whose
/// result <c>commitWhen</c> refuses, leaves nothing written and nothing published.
/// </summary>
public sealed class BillingWrites(IDbContextFactory<BillingDbContext> dbFactory, ILogger<BillingWrites>? log = null)
{
    private string? providerName;

    /// <summary>The EF provider of the database written to (read once), for the few writes that differ by engine.</summary>
    public string ProviderName
    {
        get
        {
            if (providerName is null)
            {
                using var db = dbFactory.CreateDbContext();
                providerName = db.Database.ProviderName ?? "";
            }
            return providerName;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it.</summary>
    public Task<T> RunAsync<T>(Func<WriteScope, CancellationToken, Task<T>> work, CancellationToken ct = default) =>
        RunAsync(work, commitWhen: null, attempts: 1, ct);

    /// <summary>Runs <paramref name="work"/> in one transaction.</summary>
    /// <param name="commitWhen">Commits only when this says so of the work's result; otherwise rolls back (a refusal, a lost claim).</param>
    /// <param name="attempts">
    /// How often to run the work when it loses a race (<see cref="DbUpdateConcurrencyException"/>): nothing was committed, so the
    /// next attempt starts afresh. Any other exception is the caller's.
    /// </param>
    public async Task<T> RunAsync<T>(Func<WriteScope, CancellationToken, Task<T>> work, Func<T, bool>? commitWhen, int attempts, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RunOnceAsync(work, commitWhen, ct);
            }
            catch (DbUpdateConcurrencyException ex) when (attempt < attempts)
            {
                log?.LogWarning(ex, "A write lost a race (attempt {Attempt} of {Attempts}); running it again", attempt, attempts);
            }
        }
    }

    private async Task<T> RunOnceAsync<T>(Func<WriteScope, CancellationToken, Task<T>> work, Func<T, bool>? commitWhen, CancellationToken ct)
    {
        WriteScope scope;
        T result;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // SQLite: this process's writers queue here, in order, rather than at BEGIN IMMEDIATE, where a writer that finds
            // the lock taken sleeps and retries (its busy handler), which under many small writes costs more than the writes.
            var gate = WriteScope.IsSqlite(db) ? SqliteGates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1)) : null;
            // Bounded, so a write nested in another (which SQLite would refuse anyway) waits as it did, never forever.
            var entered = gate is not null && await gate.WaitAsync(SqliteGateWait, ct);
            try
            {
                // The unit is all or nothing, so a savepoint around each SaveChanges would only add round trips.
                db.Database.AutoSavepointsEnabled = false;
                await using var tx = await BeginAsync(db, ct);
                scope = new WriteScope(db);
                result = await work(scope, ct);
                if (commitWhen is not null && !commitWhen(result))
                    return result; // disposing the transaction rolls it back; nothing is published
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            finally
            {
                // Before the after-commit work: it may write in turn (auto top-up).
                if (entered)
                    gate!.Release();
            }
        }
        await scope.CommittedAsync(ct);
        return result;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> SqliteGates = new(StringComparer.Ordinal);
    private static readonly TimeSpan SqliteGateWait = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SQLite: EF's transaction on Microsoft.Data.Sqlite is IMMEDIATE (not deferred), so writers queue at BEGIN and a read
    /// that turns into a write cannot fail on the upgrade. The server engines: read committed, which the lock-then-re-read
    /// pattern relies on (each statement after the lock sees what the previous holder committed).
    /// </summary>
    private static Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(BillingDbContext db, CancellationToken ct) =>
        WriteScope.IsSqlite(db)
            ? db.Database.BeginTransactionAsync(ct)
            : db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
}
