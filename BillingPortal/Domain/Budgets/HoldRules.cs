namespace BillingPortal.Domain.Budgets;

/// <summary>The rules of holds: how long one lasts, how big one may be, and what is left to spend once holds are counted.</summary>
public static class HoldRules
{
    /// <summary>A run that never reports or completes stops holding money after this long.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    /// <summary>Expired and completed holds are deleted this long after they expire (they no longer count for anything).</summary>
    public static readonly TimeSpan KeptAfterExpiry = TimeSpan.FromDays(1);
    /// <summary>$100,000: an estimate above it is a mistake, not a run.</summary>
    public const long MaxEstimateMicros = 100_000L * Money.MicrosPerDollar;

    /// <summary>Allowance plus credits less what active holds reserve (as Int128: extreme balances cannot overflow).</summary>
    public static Int128 Available(long allowanceRemainingMicros, long creditBalanceMicros, long heldMicros) =>
        (Int128)allowanceRemainingMicros + creditBalanceMicros - heldMicros;

    /// <summary>
    /// Whether a run may start on what is available: one without an estimate needs something left (at least one
    /// micro-dollar), one with an estimate needs all of it, so concurrent holds never together exceed what is available.
    /// </summary>
    public static bool Fits(Int128 availableMicros, long estimateMicros) => availableMicros >= Math.Max(estimateMicros, 1);
}
