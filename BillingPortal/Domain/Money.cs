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

    /// <summary>
    /// Currency text in the given culture (<see cref="Text.MoneyFormat"/>): to the cent, with "&lt;$0.01" for a non-zero
    /// amount under a cent, or exact to the micro-dollar when sub-cent digits matter (usage prices, invoices).
    /// </summary>
    public string Format(CultureInfo? culture = null, bool exact = false) =>
        exact ? Text.MoneyFormat.Exact(this, culture) : Text.MoneyFormat.Rounded(this, culture);

    public override string ToString() => Format(CultureInfo.InvariantCulture, exact: true);
}
