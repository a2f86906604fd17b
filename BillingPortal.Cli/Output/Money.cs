using System.Globalization;

namespace BillingPortal.Cli.Output;

/// <summary>
/// Micro-dollars as text, exactly (integer arithmetic, no float): cents always, and the sub-cent digits when there
/// are any, so a non-zero amount never shows as zero: 1234560000 is $1,234.56, 3500 is $0.0035, -5000000 is -$5.00.
/// </summary>
public static class Money
{
    public const long MicrosPerDollar = 1_000_000;
    public const long MicrosPerCent = 10_000;

    public static string Format(long micros, bool signed = false)
    {
        var negative = micros < 0;
        // long.MinValue has no positive twin; as a decimal the magnitude is exact.
        var magnitude = Math.Abs((decimal)micros);
        var dollars = decimal.Truncate(magnitude / MicrosPerDollar);
        var fraction = (long)(magnitude - dollars * MicrosPerDollar);
        var digits = fraction.ToString("D6", CultureInfo.InvariantCulture).TrimEnd('0');
        if (digits.Length < 2)
            digits = digits.PadRight(2, '0');
        var sign = negative ? "-" : signed && micros > 0 ? "+" : "";
        return $"{sign}${dollars.ToString("#,0", CultureInfo.InvariantCulture)}.{digits}";
    }
}
