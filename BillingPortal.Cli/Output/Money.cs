using System.Globalization;

namespace BillingPortal.Cli.Output;

/// <summary>
/// Micro-dollars as text in integer arithmetic (no float), as the app's pages show them: to the cent, halves away from
/// zero (1234564999 is $1,234.56, -5000000 is -$5.00), and a non-zero amount under a cent is "&lt;$0.01", never "$0.00".
/// <c>--json</c> carries the exact micros.
/// </summary>
public static class Money
{
    public const long MicrosPerDollar = 1_000_000;
    public const long MicrosPerCent = 10_000;

    public static string Format(long micros, bool signed = false)
    {
        var sign = micros < 0 ? "-" : signed && micros > 0 ? "+" : "";
        // As a decimal the magnitude is exact even for long.MinValue, which has no positive twin.
        var magnitude = Math.Abs((decimal)micros);
        if (magnitude is > 0 and < MicrosPerCent)
            return sign + "<$0.01";
        var cents = decimal.Truncate((magnitude + MicrosPerCent / 2) / MicrosPerCent);
        var dollars = decimal.Truncate(cents / 100);
        return $"{sign}${dollars.ToString("#,0", CultureInfo.InvariantCulture)}.{(cents - dollars * 100).ToString("00", CultureInfo.InvariantCulture)}";
    }
}
