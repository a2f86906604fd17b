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

    /// <summary>"50", "12.50" or "$1,000" as micro-dollars, exactly: whole cents only, at most $999,999,999.99; false otherwise.</summary>
    public static bool TryParseDollars(string text, out long micros)
    {
        micros = 0;
        var plain = text.Trim().TrimStart('$').Replace(",", "", StringComparison.Ordinal);
        var parts = plain.Split('.');
        if (plain.Length == 0 || parts.Length > 2 || !parts[0].All(char.IsAsciiDigit) || parts[0].Length is 0 or > 9
            || (parts.Length == 2 && (parts[1].Length is 0 or > 2 || !parts[1].All(char.IsAsciiDigit))))
            return false;
        var cents = parts.Length == 2 ? int.Parse(parts[1].PadRight(2, '0'), CultureInfo.InvariantCulture) : 0;
        micros = long.Parse(parts[0], CultureInfo.InvariantCulture) * MicrosPerDollar + cents * MicrosPerCent;
        return true;
    }
}
