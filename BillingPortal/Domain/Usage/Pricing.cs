namespace BillingPortal.Domain.Usage;

/// <summary>What usage costs: quantity x rate plus the platform fee, rounded once per line item.</summary>
public static class Pricing
{
    private const int BasisPointsPerWhole = 10_000;

    /// <summary>
    /// The price in micro-USD of <paramref name="quantity"/> units at <paramref name="rate"/>:
    /// quantity x UnitPriceMicros x (10000 + fee) / (UnitSize x 10000), rounded half away from zero.
    /// The product is kept in <see cref="Int128"/>, so no intermediate can overflow and nothing is rounded twice.
    /// </summary>
    public static long PriceMicros(long quantity, CostRate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        if (quantity < 0)
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "A quantity is never negative.");
        if (rate.UnitSize <= 0)
            throw new ArgumentException($"Rate {rate.Id} has unit size {rate.UnitSize}; it must be positive.", nameof(rate));
        if (rate.UnitPriceMicros < 0 || rate.PlatformFeeBasisPoints < 0)
            throw new ArgumentException($"Rate {rate.Id} has a negative price or fee.", nameof(rate));

        var numerator = (Int128)quantity * rate.UnitPriceMicros * (BasisPointsPerWhole + rate.PlatformFeeBasisPoints);
        var denominator = (Int128)rate.UnitSize * BasisPointsPerWhole;
        var (whole, remainder) = Int128.DivRem(numerator, denominator);
        // Both are non-negative, so half away from zero is "round up at exactly one half".
        if (remainder * 2 >= denominator)
            whole++;
        return checked((long)whole);
    }
}
