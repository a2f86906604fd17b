namespace BillingPortal.Domain.BillingDetails;

/// <summary>
/// Who a workspace's invoices are addressed to: the legal name, postal address, tax id and billing e-mail. One row
/// per workspace, created on first save; absent means invoices name the workspace and its Owner's e-mail. Issued
/// invoices keep a copy (<see cref="Invoices.Invoice.CustomerAddress"/>), so a later change never rewrites them.
/// </summary>
public sealed class WorkspaceBillingDetails
{
    public Guid WorkspaceId { get; init; }
    public string LegalName { get; private set; } = "";
    public string AddressLine1 { get; private set; } = "";
    public string? AddressLine2 { get; private set; }
    public string City { get; private set; } = "";
    public string? PostalCode { get; private set; }
    public string? Region { get; private set; }
    /// <summary>ISO 3166-1 alpha-2 (<see cref="Countries"/>).</summary>
    public string Country { get; private set; } = "";
    /// <summary>Stripe's code (<see cref="TaxIdTypes"/>); null when no tax id is given.</summary>
    public string? TaxIdType { get; private set; }
    public string? TaxId { get; private set; }
    public string? Email { get; private set; }
    public DateTime UpdatedAt { get; private set; }
    public string? UpdatedByUserId { get; private set; }

    /// <summary>Takes the values of <paramref name="valid"/>, which <see cref="BillingDetailsRules.Validate"/> returned.</summary>
    public void Update(BillingDetailsValues valid, DateTime at, string? userId)
    {
        ArgumentNullException.ThrowIfNull(valid);
        (LegalName, AddressLine1, AddressLine2, City, PostalCode, Region, Country, TaxIdType, TaxId, Email) =
            (valid.LegalName, valid.AddressLine1, valid.AddressLine2, valid.City, valid.PostalCode, valid.Region, valid.Country, valid.TaxIdType, valid.TaxId, valid.Email);
        UpdatedAt = at;
        UpdatedByUserId = userId;
    }

    public BillingDetailsValues Values => new(LegalName, AddressLine1, AddressLine2, City, PostalCode, Region, Country, TaxIdType, TaxId, Email);
}

/// <summary>Billing details that passed <see cref="BillingDetailsRules.Validate"/>: trimmed, empty optional fields null, codes upper case.</summary>
public sealed record BillingDetailsValues(
    string LegalName,
    string AddressLine1,
    string? AddressLine2,
    string City,
    string? PostalCode,
    string? Region,
    string Country,
    string? TaxIdType,
    string? TaxId,
    string? Email)
{
    /// <summary>
    /// The postal address as printed under "Bill to", one line each: street lines, then the town line in the
    /// country's usual order ("Springfield, IL 62701" in North America and Australia, "10115 Berlin" elsewhere), then the country.
    /// </summary>
    public IReadOnlyList<string> AddressLines()
    {
        var lines = new List<string> { AddressLine1 };
        if (AddressLine2 is not null)
            lines.Add(AddressLine2);
        lines.Add(Country is "US" or "CA" or "AU"
            ? Join(", ", City, Join(" ", Region, PostalCode))
            : Join(", ", Join(" ", PostalCode, City), Region));
        lines.Add(Countries.Name(Country));
        return lines;
    }

    /// <summary>"EU VAT DE123456789", or null when no tax id is given.</summary>
    public string? TaxIdText => TaxId is null ? null : $"{TaxIdTypes.Find(TaxIdType)?.Label ?? TaxIdType} {TaxId}";

    /// <summary>What the audit trail compares and keeps: every field by name.</summary>
    public Dictionary<string, object?> Snapshot() => new()
    {
        ["legalName"] = LegalName, ["addressLine1"] = AddressLine1, ["addressLine2"] = AddressLine2, ["city"] = City,
        ["postalCode"] = PostalCode, ["region"] = Region, ["country"] = Country, ["taxIdType"] = TaxIdType, ["taxId"] = TaxId, ["email"] = Email,
    };

    private static string Join(string separator, params string?[] parts) =>
        string.Join(separator, parts.Where(p => !string.IsNullOrEmpty(p)));
}
