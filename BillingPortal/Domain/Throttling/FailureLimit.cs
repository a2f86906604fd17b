namespace BillingPortal.Domain.Throttling;

/// <summary>
/// At most <paramref name="Allowance"/> failures at once, and one more back every <see cref="RefillEvery"/>
/// (so <paramref name="Allowance"/> per <paramref name="Window"/> in the long run): a token bucket of failures.
/// </summary>
/// <remarks>
/// A key's whole state is one instant, <c>clearsAt</c>: when every failure counted against it will have been earned
/// back (the failures still counted are <c>(clearsAt - now) / RefillEvery</c>). One number, so a database can move it
/// with one conditional UPDATE; no key, or a <c>clearsAt</c> in the past, means nothing is counted.
/// </remarks>
public sealed record FailureLimit(int Allowance, TimeSpan Window)
{
    public TimeSpan RefillEvery => Window / Math.Max(1, Allowance);

    /// <summary>Another attempt is allowed while <c>clearsAt</c> is at most this: one more failure still fits.</summary>
    public DateTimeOffset LatestClearsAtToTry(DateTimeOffset now) => now + RefillEvery * (Allowance - 1);

    /// <summary>The most that can be counted: <see cref="Allowance"/> failures, however many more are made.</summary>
    public DateTimeOffset Ceiling(DateTimeOffset now) => now + RefillEvery * Allowance;

    /// <summary>How long a key must wait before its next attempt, or null if it may try now.</summary>
    public TimeSpan? Wait(DateTimeOffset? clearsAt, DateTimeOffset now) =>
        clearsAt is { } at && at > LatestClearsAtToTry(now) ? at - LatestClearsAtToTry(now) : null;

    /// <summary>One more failure counted: the decayed count plus one, capped at the allowance.</summary>
    public DateTimeOffset AfterFailure(DateTimeOffset? clearsAt, DateTimeOffset now)
    {
        var next = (clearsAt is { } at && at > now ? at : now) + RefillEvery;
        return next > Ceiling(now) ? Ceiling(now) : next;
    }

    /// <summary>One counted attempt given back (it was not a failure after all), never below nothing.</summary>
    public DateTimeOffset AfterGiveBack(DateTimeOffset clearsAt, DateTimeOffset now) =>
        clearsAt - RefillEvery < now ? now : clearsAt - RefillEvery;
}
