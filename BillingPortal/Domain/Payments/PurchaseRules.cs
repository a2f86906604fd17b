using System.Globalization;

namespace BillingPortal.Domain.Payments;

/// <summary>A fixed purchase offered next to "any amount".</summary>
public sealed record CreditPack(string Code, string Name, long AmountMicros);

/// <summary>What a one-time credit purchase may be: a pack, or any whole-cent amount from $5 to $100,000.</summary>
public static class PurchaseRules
{
    public const long MinimumMicros = 5 * Money.MicrosPerDollar;
    public const long MaximumMicros = 100_000 * Money.MicrosPerDollar;

    public static IReadOnlyList<CreditPack> Packs { get; } =
    [
        new("starter", "Starter", 5 * Money.MicrosPerDollar),
        new("standard", "Standard", 15 * Money.MicrosPerDollar),
        new("pro", "Pro", 50 * Money.MicrosPerDollar),
    ];

    /// <summary>Null when the amount may be bought, otherwise why not, in words for the field.</summary>
    public static string? Validate(long amountMicros)
    {
        if (amountMicros <= 0)
            return "Enter an amount greater than zero.";
        if (amountMicros % Money.MicrosPerCent != 0)
            return "Use at most two decimals (whole cents).";
        if (amountMicros < MinimumMicros)
            return $"The minimum purchase is {new Money(MinimumMicros).Format(CultureInfo.InvariantCulture)}.";
        if (amountMicros > MaximumMicros)
            return $"The maximum purchase is {new Money(MaximumMicros).Format(CultureInfo.InvariantCulture)}.";
        return null;
    }

    /// <summary>
    /// Reads a dollar amount as typed ("25", "25.50", "$1,000"): the micros, or the message for the field.
    /// Culture-invariant on purpose: the field asks for US dollars.
    /// </summary>
    public static (long? Micros, string? Error) Parse(string? text)
    {
        var trimmed = (text ?? "").Trim().TrimStart('$').Trim();
        if (trimmed.Length == 0)
            return (null, "Enter an amount.");
        if (trimmed.StartsWith('-'))
            return (null, "Enter an amount greater than zero.");
        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var dollars))
            return (null, "Enter the amount as a number of dollars, such as 25 or 25.50.");
        if (decimal.Round(dollars, 2) != dollars)
            return (null, "Use at most two decimals (whole cents).");
        if (dollars > MaximumMicros / Money.MicrosPerDollar)
            return (null, Validate(MaximumMicros + Money.MicrosPerCent));
        var micros = (long)(dollars * Money.MicrosPerDollar);
        return Validate(micros) is { } error ? (null, error) : (micros, null);
    }
}
