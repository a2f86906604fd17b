using System.Collections.Concurrent;
using BillingPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.ApiKeys;

/// <summary>A live key as authentication needs it: whose it is, and when it was last marked used.</summary>
public sealed record LiveApiKey(Guid Id, Guid WorkspaceId, DateTime? LastUsedAt);

/// <summary>
/// Finds live API keys by the hash of their secret, remembering each for <see cref="Freshness"/>: an agent sends
/// hundreds of requests a second with one key, and a database read for each was a round trip per request. A key
/// revoked on this instance is forgotten at once; one revoked on another instance is refused here within
/// <see cref="Freshness"/>, the longest a revocation may take anywhere. Unknown and revoked keys are never
/// remembered, so every guess still reaches the database and the guess limiter.
/// </summary>
public sealed class ApiKeyLookup(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    /// <summary>Bounds the memory many keys could take; past it, the next key found starts the cache afresh.</summary>
    private const int MaxKeys = 10_000;

    private sealed record Entry(LiveApiKey Key, DateTimeOffset FreshUntil);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>The key with this secret hash if it was found live within the last <see cref="Freshness"/>; never reads.</summary>
    public LiveApiKey? Remembered(string secretHash) =>
        entries.TryGetValue(secretHash, out var entry) && clock.GetUtcNow() < entry.FreshUntil ? entry.Key : null;

    /// <summary>The live key with this secret hash, or null when it is unknown or revoked.</summary>
    public async Task<LiveApiKey?> FindAsync(string secretHash, CancellationToken ct)
    {
        if (Remembered(secretHash) is { } remembered)
            return remembered;
        var now = clock.GetUtcNow();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.AsNoTracking().Where(k => k.SecretHash == secretHash && k.RevokedAt == null)
            .Select(k => new LiveApiKey(k.Id, k.WorkspaceId, k.LastUsedAt)).FirstOrDefaultAsync(ct);
        if (key is null)
        {
            entries.TryRemove(secretHash, out _);
            return null;
        }
        if (entries.Count >= MaxKeys)
            entries.Clear();
        entries[secretHash] = new Entry(key, now + Freshness);
        return key;
    }

    /// <summary>Remembers that the key was just marked used, so the next requests within the minute don't mark it again.</summary>
    public void MarkedUsed(string secretHash, DateTime at)
    {
        if (entries.TryGetValue(secretHash, out var entry))
            entries.TryUpdate(secretHash, entry with { Key = entry.Key with { LastUsedAt = at } }, entry);
    }

    /// <summary>A key revoked here: refused on this instance from the next request on.</summary>
    public void Forget(Guid keyId)
    {
        foreach (var (hash, entry) in entries)
            if (entry.Key.Id == keyId)
                entries.TryRemove(hash, out _);
    }
}
