using System.Collections.Concurrent;

namespace BillingPortal.Domain.Throttling;

/// <summary>
/// <see cref="IFailureCounters"/> in one process's memory: the reference the database store must agree with, and
/// the store of unit tests. Not for production with several instances: each would count only its own failures.
/// </summary>
public sealed class FailureMeter(TimeProvider clock, int maxKeys = 100_000) : IFailureCounters
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> clearsAt = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly int maxKeys = maxKeys;
    private int sweepAt = maxKeys;

    /// <summary>How many keys are tracked (keys whose failures have all been earned back are dropped when the map grows).</summary>
    public int TrackedKeys => clearsAt.Count;

    public Task<TimeSpan?> RetryAfterAsync(string key, FailureLimit limit, CancellationToken ct = default) =>
        Task.FromResult(limit.Wait(clearsAt.TryGetValue(key, out var at) ? at : null, clock.GetUtcNow()));

    public Task FailAsync(string key, FailureLimit limit, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            Sweep(now);
            clearsAt[key] = limit.AfterFailure(clearsAt.TryGetValue(key, out var at) ? at : null, now);
        }
        return Task.CompletedTask;
    }

    public Task<TimeSpan?> TryTakeAsync(string key, FailureLimit limit, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            DateTimeOffset? current = clearsAt.TryGetValue(key, out var at) ? at : null;
            if (limit.Wait(current, now) is { } wait)
                return Task.FromResult<TimeSpan?>(wait);
            Sweep(now);
            clearsAt[key] = limit.AfterFailure(current, now);
            return Task.FromResult<TimeSpan?>(null);
        }
    }

    public Task GiveBackAsync(string key, FailureLimit limit, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        lock (gate)
            if (clearsAt.TryGetValue(key, out var at))
                clearsAt[key] = limit.AfterGiveBack(at, now);
        return Task.CompletedTask;
    }

    // Guessing many addresses must not grow memory without end: forget keys that have nothing counted any more.
    // The next sweep waits until the map has doubled again, so a map full of live keys is not rescanned on every insert.
    private void Sweep(DateTimeOffset now)
    {
        if (clearsAt.Count < sweepAt)
            return;
        foreach (var (key, at) in clearsAt)
            if (at <= now)
                clearsAt.TryRemove(key, out _);
        sweepAt = Math.Max(maxKeys, clearsAt.Count * 2);
    }
}
