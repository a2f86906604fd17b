using System.Collections.Concurrent;

namespace BillingPortal.Domain.Throttling;

/// <summary>
/// Counts failures per key (a client address, an e-mail address) against one <see cref="FailureLimit"/>, read
/// against a clock the caller passes, so tests move time instead of waiting. In memory: each instance counts its own.
/// </summary>
public sealed class FailureMeter(FailureLimit limit, int maxKeys = 100_000)
{
    private readonly ConcurrentDictionary<string, Bucket> buckets = new(StringComparer.Ordinal);
    private readonly int maxKeys = maxKeys;
    private int sweepAt = maxKeys;

    /// <summary>How long <paramref name="key"/> must wait before its next attempt, or null if it may try now.</summary>
    public TimeSpan? RetryAfter(string key, DateTimeOffset now) =>
        buckets.TryGetValue(key, out var bucket) ? bucket.Wait(limit, now) : null;

    /// <summary>Counts one failure of <paramref name="key"/>.</summary>
    public void Fail(string key, DateTimeOffset now) => BucketFor(key, now).Take(limit, now, force: true);

    /// <summary>
    /// Reserves an attempt for <paramref name="key"/> before it is made (so parallel attempts cannot all slip
    /// through before the first failure is counted); null when reserved, else the wait. <see cref="GiveBack"/> on success.
    /// </summary>
    public TimeSpan? TryTake(string key, DateTimeOffset now) => BucketFor(key, now).Take(limit, now, force: false);

    /// <summary>Returns an attempt reserved by <see cref="TryTake"/> that turned out not to be a failure.</summary>
    public void GiveBack(string key, DateTimeOffset now)
    {
        if (buckets.TryGetValue(key, out var bucket))
            bucket.Refund(limit, now);
    }

    /// <summary>How many keys are tracked (keys whose failures have all expired are dropped when the map grows).</summary>
    public int TrackedKeys => buckets.Count;

    private Bucket BucketFor(string key, DateTimeOffset now)
    {
        if (buckets.TryGetValue(key, out var bucket))
            return bucket;
        // Guessing many addresses must not grow memory without end: forget keys that have nothing counted any more.
        // The next sweep waits until the map has doubled again, so a map full of live keys is not rescanned on every insert.
        if (buckets.Count >= Volatile.Read(ref sweepAt))
        {
            foreach (var (k, b) in buckets)
                if (b.IsEmpty(limit, now))
                    buckets.TryRemove(k, out _);
            Volatile.Write(ref sweepAt, Math.Max(maxKeys, buckets.Count * 2));
        }
        return buckets.GetOrAdd(key, _ => new Bucket(now));
    }

    private sealed class Bucket(DateTimeOffset at)
    {
        private readonly Lock gate = new();
        private double spent; // failures still counted, decaying by one every RefillEvery
        private DateTimeOffset at = at;

        public TimeSpan? Wait(FailureLimit limit, DateTimeOffset now)
        {
            lock (gate)
            {
                Decay(limit, now);
                return WaitLocked(limit);
            }
        }

        public TimeSpan? Take(FailureLimit limit, DateTimeOffset now, bool force)
        {
            lock (gate)
            {
                Decay(limit, now);
                var wait = WaitLocked(limit);
                if (wait is null || force)
                    spent = Math.Min(spent + 1, limit.Allowance);
                return force ? null : wait;
            }
        }

        public void Refund(FailureLimit limit, DateTimeOffset now)
        {
            lock (gate)
            {
                Decay(limit, now);
                spent = Math.Max(0, spent - 1);
            }
        }

        public bool IsEmpty(FailureLimit limit, DateTimeOffset now)
        {
            lock (gate)
            {
                Decay(limit, now);
                return spent <= 0;
            }
        }

        private void Decay(FailureLimit limit, DateTimeOffset now)
        {
            if (now <= at)
                return;
            spent = Math.Max(0, spent - (now - at) / limit.RefillEvery);
            at = now;
        }

        // Another attempt needs spent + 1 <= Allowance; the excess drains at one per RefillEvery.
        private TimeSpan? WaitLocked(FailureLimit limit)
        {
            var excess = spent + 1 - limit.Allowance;
            return excess <= 1e-9 ? null : limit.RefillEvery * excess;
        }
    }
}
