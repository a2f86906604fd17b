namespace BillingPortal.Domain.BillingDetails;

/// <summary>The billing details as a form or an API caller sends them: every field as typed, possibly empty.</summary>
public sealed record BillingDetailsInput(
    string? LegalName,
    string? AddressLine1,
    string? AddressLine2,
    string? City,
    string? PostalCode,
    string? Region,
    string? Country,
    string? TaxIdType,
    string? TaxId,
    string? Email);

/// <summary>The field names errors are keyed by (the form's fields and the API's property names).</summary>
public static class BillingDetailsFields
{
    public const string LegalName = "legalName";
    public const string AddressLine1 = "addressLine1";
    public const string AddressLine2 = "addressLine2";
    public const string City = "city";
    public const string PostalCode = "postalCode";
    public const string Region = "region";
    public const string Country = "country";
    public const string TaxIdType = "taxIdType";
    public const string TaxId = "taxId";
    public const string Email = "email";
}
