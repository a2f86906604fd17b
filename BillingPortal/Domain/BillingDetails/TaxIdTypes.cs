using System.Text.RegularExpressions;

namespace BillingPortal.Domain.BillingDetails;

/// <summary>One kind of tax id, named by Stripe's code (<c>eu_vat</c>), with the shape its numbers take.</summary>
/// <param name="Countries">The countries that issue it; null when any may (an EU VAT number names its own).</param>
public sealed record TaxIdType(string Code, string Label, string Example, Regex Shape, IReadOnlySet<string>? Countries);

/// <summary>
/// The tax ids the billing details accept, each checked by format (not against a tax office's register: Stripe
/// verifies EU VAT numbers itself). Numbers are compared and stored without spaces, upper case, as Stripe stores them.
/// </summary>
public static partial class TaxIdTypes
{
    public static IReadOnlyList<TaxIdType> All { get; } =
    [
        new("eu_vat", "EU VAT", "DE123456789", EuVat(), null),
        new("gb_vat", "UK VAT", "GB123456789", GbVat(), Set("GB")),
        new("us_ein", "US EIN", "12-3456789", UsEin(), Set("US")),
        new("ch_vat", "Swiss VAT", "CHE-123.456.789 MWST", ChVat(), Set("CH", "LI")),
        new("no_vat", "Norwegian VAT", "123456789MVA", NoVat(), Set("NO")),
        new("au_abn", "Australian ABN", "12345678912", AuAbn(), Set("AU")),
        new("ca_bn", "Canadian BN", "123456789", CaBn(), Set("CA")),
        new("in_gst", "Indian GST", "12ABCDE3456FGZH", InGst(), Set("IN")),
    ];

    public static TaxIdType? Find(string? code) => All.FirstOrDefault(t => t.Code == code);

    /// <summary>What a person typed, as it is compared and stored: trimmed, upper case, inner spaces gone (Swiss numbers keep their one space).</summary>
    public static string Normalize(string type, string value)
    {
        var upper = value.Trim().ToUpperInvariant();
        return type == "ch_vat" ? SwissSpaces().Replace(upper, " ") : upper.Replace(" ", "", StringComparison.Ordinal);
    }

    private static HashSet<string> Set(params string[] codes) => new(codes, StringComparer.Ordinal);

    // The EU number starts with its country's code (Greece: EL), then 8 to 12 letters or digits (Denmark 8 … Sweden 12).
    [GeneratedRegex("^(AT|BE|BG|HR|CY|CZ|DK|EE|FI|FR|DE|EL|HU|IE|IT|LV|LT|LU|MT|NL|PL|PT|RO|SK|SI|ES|SE)[0-9A-Z+*]{8,12}$")]
    private static partial Regex EuVat();

    [GeneratedRegex("^GB([0-9]{9}|[0-9]{12})$")]
    private static partial Regex GbVat();

    [GeneratedRegex("^[0-9]{2}-[0-9]{7}$")]
    private static partial Regex UsEin();

    [GeneratedRegex("^CHE-[0-9]{3}\\.[0-9]{3}\\.[0-9]{3} (MWST|TVA|IVA)$")]
    private static partial Regex ChVat();

    [GeneratedRegex("^[0-9]{9}MVA$")]
    private static partial Regex NoVat();

    [GeneratedRegex("^[0-9]{11}$")]
    private static partial Regex AuAbn();

    [GeneratedRegex("^[0-9]{9}$")]
    private static partial Regex CaBn();

    [GeneratedRegex("^[0-9]{2}[A-Z]{5}[0-9]{4}[A-Z][0-9A-Z]Z[0-9A-Z]$")]
    private static partial Regex InGst();

    [GeneratedRegex("\\s+")]
    private static partial Regex SwissSpaces();
}
