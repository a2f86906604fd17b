namespace BillingPortal.Domain.Throttling;

/// <summary>
/// At most <paramref name="Allowance"/> failures at once, and one more back every <see cref="RefillEvery"/>
/// (so <paramref name="Allowance"/> per <paramref name="Window"/> in the long run): a token bucket of failures.
/// </summary>
public sealed record FailureLimit(int Allowance, TimeSpan Window)
{
    public TimeSpan RefillEvery => Window / Math.Max(1, Allowance);
}
