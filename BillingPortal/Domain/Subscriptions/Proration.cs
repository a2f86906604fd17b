namespace BillingPortal.Domain.Subscriptions;

/// <summary>What an upgrade costs and adds for the rest of the period, and the span it covers (UTC, end exclusive).</summary>
public sealed record ProratedUpgrade(Money Charge, Money AllowanceAdded, DateTime From, DateTime To);

/// <summary>
/// Prorates an upgrade: (new - old) x remaining / total of the period, computed exactly in ticks with
/// <see cref="Int128"/> and rounded once to the cent, half away from zero. Pure, so the confirmation dialog and the
/// charge use the very same arithmetic.
/// </summary>
public static class Proration
{
    public static ProratedUpgrade Upgrade(Plan from, Plan to, DateTime periodStart, DateTime periodEnd, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var at = Clamp(now, periodStart, periodEnd);
        return new ProratedUpgrade(
            Share(to.MonthlyPrice - from.MonthlyPrice, periodStart, periodEnd, at),
            Share(to.MonthlyAllowance - from.MonthlyAllowance, periodStart, periodEnd, at),
            at, periodEnd);
    }

    /// <summary><paramref name="amount"/> x (end - now) / (end - start), to the cent, half away from zero.</summary>
    public static Money Share(Money amount, DateTime periodStart, DateTime periodEnd, DateTime now)
    {
        if (periodEnd <= periodStart)
            throw new ArgumentException("A period must end after it starts.", nameof(periodEnd));
        var total = (Int128)(periodEnd - periodStart).Ticks;
        var remaining = (Int128)(periodEnd - Clamp(now, periodStart, periodEnd)).Ticks;
        // In cents' units scaled by the period, so the one rounding is the division below.
        var numerator = (Int128)amount.Micros * remaining;
        var denominator = total * Money.MicrosPerCent;
        var cents = DivideRoundingAwayFromZero(numerator, denominator);
        return new Money(checked((long)(cents * Money.MicrosPerCent)));
    }

    private static Int128 DivideRoundingAwayFromZero(Int128 numerator, Int128 denominator)
    {
        var quotient = Int128.DivRem(Int128.Abs(numerator), denominator);
        var magnitude = quotient.Quotient + (quotient.Remainder * 2 >= denominator ? 1 : 0);
        return numerator < 0 ? -magnitude : magnitude;
    }

    private static DateTime Clamp(DateTime value, DateTime min, DateTime max) =>
        value < min ? min : value > max ? max : value;
}
