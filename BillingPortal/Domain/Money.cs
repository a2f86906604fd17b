using System.Globalization;

namespace BillingPortal.Domain;

/// <summary>An amount of US dollars held as whole micro-dollars (1 USD = 1,000,000), never floating point.</summary>
public readonly record struct Money(long Micros) : IComparable<Money>
{
    public const long MicrosPerDollar = 1_000_000;
    public const long MicrosPerCent = 10_000;

    public static Money Zero => default;

    public static Money FromDollars(decimal dollars)
    {
        var micros = dollars * MicrosPerDollar;
        if (micros != decimal.Truncate(micros))
            throw new ArgumentException("Amounts finer than one micro-dollar are not representable.", nameof(dollars));
        return new Money(checked((long)micros));
    }

    public static Money FromCents(long cents) => new(checked(cents * MicrosPerCent));

    public decimal ToDollars() => (decimal)Micros / MicrosPerDollar;

    public bool IsNegative => Micros < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Micros + b.Micros));
    public static Money operator -(Money a, Money b) => new(checked(a.Micros - b.Micros));
    public static Money operator -(Money a) => new(checked(-a.Micros));
    public static bool operator <(Money a, Money b) => a.Micros < b.Micros;
    public static bool operator >(Money a, Money b) => a.Micros > b.Micros;
    public static bool operator <=(Money a, Money b) => a.Micros <= b.Micros;
    public static bool operator >=(Money a, Money b) => a.Micros >= b.Micros;

    public int CompareTo(Money other) => Micros.CompareTo(other.Micros);

    /// <summary>Currency text in the given culture, to the cent unless sub-cent digits matter (usage prices).</summary>
    public string Format(CultureInfo? culture = null, bool exact = false)
    {
        var format = (NumberFormatInfo)(culture ?? CultureInfo.CurrentCulture).NumberFormat.Clone();
        format.CurrencySymbol = "$";
        var dollars = ToDollars();
        // Exact mode shows as many of the six micro digits as the amount needs: $0.0015, not $0.001500.
        var digits = 2;
        while (exact && digits < 6 && decimal.Round(dollars, digits) != dollars)
            digits++;
        format.CurrencyDecimalDigits = digits;
        return dollars.ToString("C", format);
    }

    public override string ToString() => Format(CultureInfo.InvariantCulture, exact: true);
}
