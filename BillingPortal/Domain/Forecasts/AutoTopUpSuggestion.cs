using BillingPortal.Domain.Payments;

namespace BillingPortal.Domain.Forecasts;

/// <summary>
/// An auto top-up that fits a workspace's pace: add about a week of usage when about two days are left. Both are whole
/// dollars, rounded up, and always a setting <see cref="AutoTopUpRules.Validate"/> accepts: the amount within the
/// purchase limits ($5 to $100,000), the threshold above zero (at least $5, the default low-balance mark) and never
/// above the amount.
/// </summary>
public sealed record AutoTopUpSuggestion(long ThresholdMicros, long AmountMicros)
{
    public const long MinimumThresholdMicros = 5 * Money.MicrosPerDollar;

    /// <summary>The suggestion for <paramref name="weekMicros"/> of usage in 7 days (positive).</summary>
    public static AutoTopUpSuggestion ForWeek(long weekMicros)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(weekMicros);
        // Past 7 x the maximum, both come out at the maximum anyway; clamping first keeps the arithmetic far from overflow.
        var week = Math.Min(weekMicros, 7 * PurchaseRules.MaximumMicros);
        var amount = Math.Clamp(CeilDollar(week), PurchaseRules.MinimumMicros, PurchaseRules.MaximumMicros);
        var twoDays = SpendForecast.CeilDiv(2 * week, 7);
        var threshold = Math.Min(Math.Max(CeilDollar(twoDays), MinimumThresholdMicros), amount);
        return new(threshold, amount);
    }

    /// <summary>
    /// <paramref name="current"/> (the saved setting, or the dialog's default) with this threshold and amount, switched
    /// on; a monthly cap below the amount is raised to it, since a cap under one top-up would refuse every top-up.
    /// </summary>
    public AutoTopUpChange ApplyTo(AutoTopUpChange current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current with
        {
            Enabled = true,
            ThresholdMicros = ThresholdMicros,
            AmountMicros = AmountMicros,
            MonthlyCapMicros = Math.Max(current.MonthlyCapMicros, AmountMicros),
        };
    }

    private static long CeilDollar(long micros) => SpendForecast.CeilDiv(micros, Money.MicrosPerDollar) * Money.MicrosPerDollar;
}
