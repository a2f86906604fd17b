using BillingPortal.Domain.BillingDetails;
using F = BillingPortal.Domain.BillingDetails.BillingDetailsFields;

namespace BillingPortal.Tests.Domain.BillingDetails;

public sealed class BillingDetailsRulesTests
{
    private static readonly BillingDetailsInput Good = new("Acme GmbH", "Invalidenstraße 117", null, "Berlin", "10115", null, "DE", "eu_vat", "DE 123 456 789", "billing@acme.example");

    [Fact]
    public void Validate_GoodDetails_AreCleanedAndKept()
    {
        var check = BillingDetailsRules.Validate(Good with { LegalName = "  Acme GmbH  ", Country = "de", Email = "" });

        Assert.True(check.IsValid);
        var v = check.Values!;
        Assert.Equal(("Acme GmbH", "DE", "eu_vat", "DE123456789", (string?)null), (v.LegalName, v.Country, v.TaxIdType, v.TaxId, v.Email));
        Assert.Equal(["Invalidenstraße 117", "10115 Berlin", "Germany"], v.AddressLines());
        Assert.Equal("EU VAT DE123456789", v.TaxIdText);
    }

    [Fact]
    public void Validate_AUsAddress_ReadsCityStateZip()
    {
        var v = BillingDetailsRules.Validate(new("Acme Inc.", "1 Main St", "Suite 5", "Springfield", "62701", "IL", "US", "us_ein", "12-3456789", null)).Values!;

        Assert.Equal(["1 Main St", "Suite 5", "Springfield, IL 62701", "United States"], v.AddressLines());
    }

    [Fact]
    public void Validate_EverythingMissing_GivesOneMessagePerRequiredField()
    {
        var check = BillingDetailsRules.Validate(new(null, " ", null, "", null, null, null, null, null, null));

        Assert.False(check.IsValid);
        Assert.Null(check.Values);
        Assert.Equal(new Dictionary<string, string>
        {
            [F.LegalName] = "The legal name is required.",
            [F.AddressLine1] = "The address is required.",
            [F.City] = "The city is required.",
            [F.Country] = "Choose the country of the billing address.",
        }, check.Errors);
    }

    [Theory]
    [InlineData(F.Country, "Germany", "Choose a country from the list (a two-letter ISO code such as DE or US).")]
    [InlineData(F.Email, "ada at acme", "Enter one e-mail address, such as billing@example.com.")]
    [InlineData(F.Email, "Ada <ada@acme.example>", "Enter one e-mail address, such as billing@example.com.")]
    [InlineData(F.PostalCode, "10115!", "A postal code holds letters, digits, spaces and hyphens only.")]
    [InlineData(F.LegalName, "Acme\u202EHmbG", "The legal name contains a control or text-direction character (U+202E at position 5); send plain text.")]
    public void Validate_OneBadField_IsNamedWithItsOwnMessage(string field, string value, string message)
    {
        var input = field switch
        {
            F.Country => Good with { Country = value },
            F.Email => Good with { Email = value },
            F.PostalCode => Good with { PostalCode = value },
            _ => Good with { LegalName = value },
        };

        var check = BillingDetailsRules.Validate(input);

        Assert.Equal(new Dictionary<string, string> { [field] = message }, check.Errors);
    }

    [Theory]
    [InlineData("eu_vat", "DE12", "DE", F.TaxId, "EU VAT numbers look like DE123456789; this one does not.")]
    [InlineData("eu_vat", "FR12345678901", "DE", F.TaxId, "An EU VAT number starts with its country's code: DE for Germany.")]
    [InlineData("eu_vat", "DE123456789", "US", F.TaxIdType, "An EU VAT number goes with an address in the EU; choose the tax id of the address's country.")]
    [InlineData("gb_vat", "123456789", "GB", F.TaxId, "UK VAT numbers look like GB123456789; this one does not.")]
    [InlineData("us_ein", "123456789", "US", F.TaxId, "US EIN numbers look like 12-3456789; this one does not.")]
    [InlineData("us_ein", "12-3456789", "DE", F.TaxIdType, "US EIN numbers go with an address in United States.")]
    [InlineData("vat", "DE123456789", "DE", F.TaxIdType, "Choose a kind of tax id from the list.")]
    [InlineData(null, "DE123456789", "DE", F.TaxIdType, "Choose what kind of tax id this is (EU VAT, UK VAT, US EIN, …).")]
    public void Validate_ATaxIdOfTheWrongShapeOrCountry_IsRefusedByField(string? type, string value, string country, string field, string message)
    {
        var input = Good with { TaxIdType = type, TaxId = value, Country = country, Region = "IL", PostalCode = country == "US" ? "62701" : "10115" };

        var check = BillingDetailsRules.Validate(input);

        Assert.Equal(new Dictionary<string, string> { [field] = message }, check.Errors);
    }

    [Theory]
    [InlineData("gb_vat", "gb 123 4567 89", "GB", "GB123456789")]
    [InlineData("ch_vat", "che-123.456.789  mwst", "CH", "CHE-123.456.789 MWST")]
    [InlineData("eu_vat", "EL123456789", "GR", "EL123456789")]
    [InlineData("au_abn", "12 345 678 912", "AU", "12345678912")]
    public void Validate_TaxIds_AreStoredAsStripeStoresThem(string type, string typed, string country, string stored)
    {
        var check = BillingDetailsRules.Validate(Good with { TaxIdType = type, TaxId = typed, Country = country, PostalCode = "SW1A 1AA", Region = "NSW" });

        Assert.True(check.IsValid, string.Join("; ", check.Errors.Values));
        Assert.Equal(stored, check.Values!.TaxId);
    }

    [Fact]
    public void Validate_AUsAddress_NeedsAZipAndAState()
    {
        var check = BillingDetailsRules.Validate(Good with { Country = "US", PostalCode = "6270", Region = null, TaxIdType = null, TaxId = null });

        Assert.Equal("A US ZIP code is 5 digits, or 5 + 4 (62701 or 62701-1234).", check.Errors[F.PostalCode]);
        Assert.Equal("Enter the state (IL, NY, …): US invoices name it.", check.Errors[F.Region]);
    }

    [Fact]
    public void Validate_MarkupInAName_IsKeptAsText()
    {
        // Text is data: it is printed as typed (pages and PDFs never interpret it), so nothing is stripped.
        var check = BillingDetailsRules.Validate(Good with { LegalName = "<script>alert(1)</script> Ltd" });

        Assert.Equal("<script>alert(1)</script> Ltd", check.Values!.LegalName);
    }

    [Fact]
    public void Validate_TooLongAName_SaysTheLimit()
    {
        var check = BillingDetailsRules.Validate(Good with { LegalName = new string('a', 201) });

        Assert.Equal("The legal name is at most 200 characters (this one has 201).", check.Errors[F.LegalName]);
    }

    [Fact]
    public void Countries_AreTwoLetterCodes_EachOnce()
    {
        Assert.All(Countries.All, c => Assert.Matches("^[A-Z]{2}$", c.Code));
        Assert.Equal(Countries.All.Count, Countries.All.Select(c => c.Code).Distinct().Count());
        Assert.All(Countries.EuropeanUnion, c => Assert.True(Countries.IsKnown(c), c));
        Assert.All(TaxIdTypes.All, t => Assert.Matches(t.Shape, TaxIdTypes.Normalize(t.Code, t.Example)));
    }
}
