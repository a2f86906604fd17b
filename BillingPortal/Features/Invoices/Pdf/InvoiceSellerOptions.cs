namespace BillingPortal.Features.Invoices.Pdf;

/// <summary>Who issues the invoices, as printed at the top of every PDF. Configuration section <c>Invoices:Seller</c>.</summary>
public sealed class InvoiceSellerOptions
{
    public const string Section = "Invoices:Seller";

    public string Name { get; set; } = "BillingPortal Inc.";

    /// <summary>The postal address; one printed line per <c>|</c> or line break.</summary>
    public string Address { get; set; } = "548 Market Street, Suite 300|San Francisco, CA 94104|United States";

    public string? Email { get; set; } = "billing@billingportal.example";

    /// <summary>A tax or company registration number, printed when set.</summary>
    public string? TaxId { get; set; }

    public IReadOnlyList<string> AddressLines =>
        Address.Split(['|', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
