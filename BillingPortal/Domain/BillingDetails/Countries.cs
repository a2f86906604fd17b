namespace BillingPortal.Domain.BillingDetails;

/// <summary>
/// The countries a billing address may name: ISO 3166-1 alpha-2 codes with their English short names. A fixed list,
/// so a typo ("UK", "Germany") is refused instead of printed on an invoice and sent to Stripe, which wants the code.
/// </summary>
public static class Countries
{
    /// <summary>Code → name, in the order the picker lists them (by name).</summary>
    public static IReadOnlyList<(string Code, string Name)> All { get; } =
    [
        ("AR", "Argentina"), ("AU", "Australia"), ("AT", "Austria"), ("BE", "Belgium"), ("BR", "Brazil"),
        ("BG", "Bulgaria"), ("CA", "Canada"), ("CL", "Chile"), ("CN", "China"), ("CO", "Colombia"),
        ("HR", "Croatia"), ("CY", "Cyprus"), ("CZ", "Czechia"), ("DK", "Denmark"), ("EG", "Egypt"),
        ("EE", "Estonia"), ("FI", "Finland"), ("FR", "France"), ("DE", "Germany"), ("GR", "Greece"),
        ("HK", "Hong Kong"), ("HU", "Hungary"), ("IS", "Iceland"), ("IN", "India"), ("ID", "Indonesia"),
        ("IE", "Ireland"), ("IL", "Israel"), ("IT", "Italy"), ("JP", "Japan"), ("KE", "Kenya"),
        ("LV", "Latvia"), ("LI", "Liechtenstein"), ("LT", "Lithuania"), ("LU", "Luxembourg"), ("MY", "Malaysia"),
        ("MT", "Malta"), ("MX", "Mexico"), ("NL", "Netherlands"), ("NZ", "New Zealand"), ("NG", "Nigeria"),
        ("NO", "Norway"), ("PE", "Peru"), ("PH", "Philippines"), ("PL", "Poland"), ("PT", "Portugal"),
        ("RO", "Romania"), ("SA", "Saudi Arabia"), ("SG", "Singapore"), ("SK", "Slovakia"), ("SI", "Slovenia"),
        ("ZA", "South Africa"), ("KR", "South Korea"), ("ES", "Spain"), ("SE", "Sweden"), ("CH", "Switzerland"),
        ("TW", "Taiwan"), ("TH", "Thailand"), ("TR", "Türkiye"), ("UA", "Ukraine"), ("AE", "United Arab Emirates"),
        ("GB", "United Kingdom"), ("US", "United States"), ("UY", "Uruguay"), ("VN", "Vietnam"),
    ];

    /// <summary>The member states of the EU, whose businesses give an EU VAT number.</summary>
    public static IReadOnlySet<string> EuropeanUnion { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
        "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",
    };

    private static readonly Dictionary<string, string> Names = All.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && Names.ContainsKey(code);

    /// <summary>"DE" → "Germany"; the code itself when unknown.</summary>
    public static string Name(string code) => Names.GetValueOrDefault(code, code);
}
