using System.Collections.Concurrent;
using BillingPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Credits.AutoTopUp;

/// <summary>What the trigger needs to know about a workspace's auto top-up: on and not paused, and its threshold.</summary>
public sealed record AutoTopUpSnapshot(bool Active, long ThresholdMicros);

/// <summary>
/// Auto top-up settings per workspace in memory, so the trigger on the usage hot path costs a dictionary lookup
/// instead of a query. Saving settings or pausing invalidates the entry; entries also expire after
/// <see cref="TimeToLive"/>, so another app instance's change is seen within that time.
/// </summary>
public sealed class AutoTopUpSettingsCache(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(30);
    private static readonly AutoTopUpSnapshot Off = new(false, 0);

    private readonly ConcurrentDictionary<Guid, (AutoTopUpSnapshot Snapshot, DateTimeOffset LoadedAt)> entries = new();

    public async ValueTask<AutoTopUpSnapshot> GetAsync(Guid workspaceId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (entries.TryGetValue(workspaceId, out var entry) && now - entry.LoadedAt < TimeToLive)
            return entry.Snapshot;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var snapshot = await db.CreditSettings.AsNoTracking()
            .Where(s => s.WorkspaceId == workspaceId)
            .Select(s => new AutoTopUpSnapshot(s.AutoTopUpEnabled && s.AutoTopUpPausedAt == null, s.AutoTopUpThresholdMicros))
            .FirstOrDefaultAsync(ct) ?? Off;
        entries[workspaceId] = (snapshot, now);
        return snapshot;
    }

    public void Invalidate(Guid workspaceId) => entries.TryRemove(workspaceId, out _);
}
