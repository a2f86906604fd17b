using System.Net.Mail;
using System.Text.RegularExpressions;
using BillingPortal.Domain.Text;
using F = BillingPortal.Domain.BillingDetails.BillingDetailsFields;

namespace BillingPortal.Domain.BillingDetails;

/// <summary>Either the clean values to save, or one message per field that is wrong (then nothing is saved).</summary>
public sealed record BillingDetailsCheck(BillingDetailsValues? Values, IReadOnlyDictionary<string, string> Errors)
{
    public bool IsValid => Values is not null;
}

/// <summary>
/// What billing details must look like before they are saved, printed on invoices and sent to Stripe. Each wrong
/// field gets its own message, saying what to type. Text is kept as typed (it is data everywhere it is shown);
/// only control and text-direction characters are refused, as for every name from outside.
/// </summary>
public static partial class BillingDetailsRules
{
    public const int MaxNameLength = 200;
    public const int MaxLineLength = 200;
    public const int MaxCityLength = 100;
    public const int MaxRegionLength = 100;
    public const int MaxPostalCodeLength = 20;
    public const int MaxEmailLength = 256;

    public static BillingDetailsCheck Validate(BillingDetailsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string>();
        var legalName = Text(errors, F.LegalName, "The legal name", input.LegalName, MaxNameLength, required: true);
        var line1 = Text(errors, F.AddressLine1, "The address", input.AddressLine1, MaxLineLength, required: true);
        var line2 = Text(errors, F.AddressLine2, "The second address line", input.AddressLine2, MaxLineLength, required: false);
        var city = Text(errors, F.City, "The city", input.City, MaxCityLength, required: true);
        var region = Text(errors, F.Region, "The state or region", input.Region, MaxRegionLength, required: false);

        var country = input.Country?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(country))
            errors[F.Country] = "Choose the country of the billing address.";
        else if (!Countries.IsKnown(country))
            errors[F.Country] = "Choose a country from the list (a two-letter ISO code such as DE or US).";

        var postal = Text(errors, F.PostalCode, "The postal code", input.PostalCode, MaxPostalCodeLength, required: country is "US" or "CA" or "GB");
        if (postal is not null && !errors.ContainsKey(F.PostalCode))
        {
            postal = postal.ToUpperInvariant();
            if (country == "US" && !UsZip().IsMatch(postal))
                errors[F.PostalCode] = "A US ZIP code is 5 digits, or 5 + 4 (62701 or 62701-1234).";
            else if (!PostalShape().IsMatch(postal))
                errors[F.PostalCode] = "A postal code holds letters, digits, spaces and hyphens only.";
        }
        if (country is "US" && string.IsNullOrEmpty(region) && !errors.ContainsKey(F.Region))
            errors[F.Region] = "Enter the state (IL, NY, …): US invoices name it.";

        var (taxType, taxId) = TaxId(errors, input.TaxIdType, input.TaxId, Countries.IsKnown(country) ? country : null);
        var email = Email(errors, input.Email);

        return errors.Count > 0
            ? new BillingDetailsCheck(null, errors)
            : new BillingDetailsCheck(new BillingDetailsValues(legalName!, line1!, line2, city!, postal, region, country!, taxType, taxId, email), errors);
    }

    private static (string? Type, string? Value) TaxId(Dictionary<string, string> errors, string? typeCode, string? raw, string? country)
    {
        var hasValue = !string.IsNullOrWhiteSpace(raw);
        var hasType = !string.IsNullOrWhiteSpace(typeCode);
        if (!hasValue)
            return (null, null); // a type picked with no number is simply no tax id
        if (!hasType)
        {
            errors[F.TaxIdType] = "Choose what kind of tax id this is (EU VAT, UK VAT, US EIN, …).";
            return (null, null);
        }
        if (TaxIdTypes.Find(typeCode!.Trim()) is not { } type)
        {
            errors[F.TaxIdType] = "Choose a kind of tax id from the list.";
            return (null, null);
        }
        if (CallerText.Refusal("The tax id", raw!) is { } refused)
        {
            errors[F.TaxId] = refused;
            return (null, null);
        }
        var value = TaxIdTypes.Normalize(type.Code, raw!);
        if (!type.Shape.IsMatch(value))
            errors[F.TaxId] = $"{type.Label} numbers look like {type.Example}; this one does not.";
        else if (country is not null && type.Code == "eu_vat" && !Countries.EuropeanUnion.Contains(country))
            errors[F.TaxIdType] = "An EU VAT number goes with an address in the EU; choose the tax id of the address's country.";
        else if (country is not null && type.Code == "eu_vat" && value[..2] != (country == "GR" ? "EL" : country))
            errors[F.TaxId] = $"An EU VAT number starts with its country's code: {(country == "GR" ? "EL" : country)} for {Countries.Name(country)}.";
        else if (country is not null && type.Countries is { } issuers && !issuers.Contains(country))
            errors[F.TaxIdType] = $"{type.Label} numbers go with an address in {string.Join(" or ", issuers.Select(Countries.Name))}.";
        return (type.Code, value);
    }

    private static string? Email(Dictionary<string, string> errors, string? raw)
    {
        var email = Text(errors, F.Email, "The billing e-mail", raw, MaxEmailLength, required: false);
        if (email is null || errors.ContainsKey(F.Email))
            return email;
        // One address, nothing around it: MailAddress alone would accept "Ada <ada@x.test>".
        if (!MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.', StringComparison.Ordinal) || email.Contains(' ', StringComparison.Ordinal))
            errors[F.Email] = "Enter one e-mail address, such as billing@example.com.";
        return email;
    }

    /// <summary>Trimmed text, null when empty; a message when required and missing, too long, or holding refused characters.</summary>
    private static string? Text(Dictionary<string, string> errors, string field, string label, string? raw, int max, bool required)
    {
        var text = raw?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
                errors[field] = $"{label} is required.";
            return null;
        }
        if (text.Length > max)
            errors[field] = $"{label} is at most {max} characters (this one has {text.Length}).";
        else if (CallerText.Refusal(label, text) is { } refused)
            errors[field] = refused;
        return text;
    }

    [GeneratedRegex("^[0-9]{5}(-[0-9]{4})?$")]
    private static partial Regex UsZip();

    [GeneratedRegex("^[0-9A-Z][0-9A-Z -]*$")]
    private static partial Regex PostalShape();
}
