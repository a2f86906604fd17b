namespace BillingPortal.Domain.Throttling;

/// <summary>
/// Where failures are counted, per key, against a <see cref="FailureLimit"/> on the store's clock. The app's store is
/// the database, so every instance behind a load balancer sees the same counts; each operation is one atomic step,
/// so concurrent failures are never lost.
/// </summary>
public interface IFailureCounters
{
    /// <summary>How long <paramref name="key"/> must wait before its next attempt, or null if it may try now (a read).</summary>
    Task<TimeSpan?> RetryAfterAsync(string key, FailureLimit limit, CancellationToken ct = default);

    /// <summary>Counts one failure of <paramref name="key"/>.</summary>
    Task FailAsync(string key, FailureLimit limit, CancellationToken ct = default);

    /// <summary>
    /// Counts an attempt before it is made, if it is allowed (so parallel attempts cannot all slip through before the
    /// first failure is counted): null when counted, else the wait. <see cref="GiveBackAsync"/> if it was not a failure.
    /// </summary>
    Task<TimeSpan?> TryTakeAsync(string key, FailureLimit limit, CancellationToken ct = default);

    /// <summary>Returns an attempt counted by <see cref="TryTakeAsync"/> that turned out not to be a failure.</summary>
    Task GiveBackAsync(string key, FailureLimit limit, CancellationToken ct = default);
}
