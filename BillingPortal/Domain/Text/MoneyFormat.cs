using System.Globalization;

namespace BillingPortal.Domain.Text;

/// <summary>
/// The one place that turns micro-dollars into text, so every page, PDF, notice and export agrees:
/// <list type="bullet">
/// <item><see cref="Rounded"/> for tables and cards: to the cent, and a non-zero amount under a cent reads "&lt;$0.01",
/// never "$0.00" (a finance reader must never see a charge as nothing).</item>
/// <item><see cref="Exact"/> for drill-downs, invoices and rate cards: as many of the six micro digits as the amount needs.</item>
/// <item><see cref="Number"/> for exports and APIs: a plain invariant decimal, exact.</item>
/// </list>
/// </summary>
public static class MoneyFormat
{
    /// <summary>To the cent; a non-zero amount whose magnitude is under a cent is "&lt;$0.01" (with its sign).</summary>
    public static string Rounded(Money value, CultureInfo? culture = null)
    {
        var format = CurrencyFormat(culture, digits: 2);
        var magnitude = Math.Abs((decimal)value.Micros);
        if (magnitude is > 0 and < Money.MicrosPerCent)
            return (value.IsNegative ? format.NegativeSign : "") + "<" + 0.01m.ToString("C", format);
        return value.ToDollars().ToString("C", format);
    }

    /// <summary>Exact to the micro-dollar, with at least two decimals: $0.0015, not $0.001500; $5.00, not $5.</summary>
    public static string Exact(Money value, CultureInfo? culture = null)
    {
        var dollars = value.ToDollars();
        var digits = 2;
        while (digits < 6 && decimal.Round(dollars, digits) != dollars)
            digits++;
        return dollars.ToString("C", CurrencyFormat(culture, digits));
    }

    /// <summary>True when <see cref="Rounded"/> does not show the whole amount, so a reader should be offered <see cref="Exact"/>.</summary>
    public static bool IsRounded(Money value) => value.Micros % Money.MicrosPerCent != 0;

    /// <summary>Dollars as a plain invariant number, exact (exports, APIs, CSV): "1234.5", "0.000042", "-3".</summary>
    public static string Number(Money value) => value.ToDollars().ToString("0.######", CultureInfo.InvariantCulture);

    private static NumberFormatInfo CurrencyFormat(CultureInfo? culture, int digits)
    {
        var source = culture ?? CultureInfo.CurrentCulture;
        var format = (NumberFormatInfo)source.NumberFormat.Clone();
        format.CurrencySymbol = "$";
        format.CurrencyDecimalDigits = digits;
        // The invariant culture writes a negative amount as "($5.00)", an accountant's convention that reads as a
        // positive amount in parentheses to most people; server text (notices, PDFs) says "-$5.00" as en-US does.
        if (source.Equals(CultureInfo.InvariantCulture))
            format.CurrencyNegativePattern = 1;
        return format;
    }
}
