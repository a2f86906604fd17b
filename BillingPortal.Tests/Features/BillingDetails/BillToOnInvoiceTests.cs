using BillingPortal.Domain;
using BillingPortal.Domain.BillingDetails;
using BillingPortal.Features.Invoices;
using BillingPortal.Features.Invoices.Pdf;
using BillingPortal.Tests.Features.Invoices;
using BillingPortal.Tests.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.BillingDetails;

/// <summary>
/// A period invoice issued by the billing-period worker carries the workspace's billing details as they were at issue,
/// prints them under "Bill to" (as text, markup and all), and keeps them when the details change later.
/// </summary>
public sealed class BillToOnInvoiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string ScriptName = "<script>alert('x')</script> Acme GmbH";
    private static readonly BillingDetailsInput Details =
        new(ScriptName, "Invalidenstraße 117", "Hinterhaus", "Berlin", "10115", null, "DE", "eu_vat", "DE123456789", "finance@acme.test");

    [Fact]
    public async Task APeriodInvoice_PrintsTheBillingDetailsUnderBillTo_AndKeepsThemWhenTheyChange()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro, name: "Acme workspace");
        await SaveDetailsAsync(f, ws, Details);

        f.Clock.SetUtcNow(new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc));
        var issued = (await f.Periods.RollOverAsync(ws, Ct)).Invoice!;
        await SaveDetailsAsync(f, ws, Details with { LegalName = "Renamed Ltd", City = "Potsdam", PostalCode = "14467", TaxId = "DE999999999" });

        var invoice = (await new InvoiceQuery(f.Database.Factory).FindAsync(ws, issued.Id, Ct))!;
        Assert.Equal((ScriptName, "finance@acme.test", "EU VAT DE123456789"), (invoice.CustomerName, invoice.CustomerEmail, invoice.CustomerTaxId));
        Assert.Equal(["Invalidenstraße 117", "Hinterhaus", "10115 Berlin", "Germany"], invoice.CustomerAddressLines);
        // The plan fee pays for the period that starts; the usage is the period that ended.
        Assert.Equal((new DateTime(2026, 4, 1, 9, 0, 0), new DateTime(2026, 5, 1, 9, 0, 0)), (invoice.PlanPeriodStart, invoice.PlanPeriodEnd));
        Assert.Equal((new DateTime(2026, 3, 1, 9, 0, 0), new DateTime(2026, 4, 1, 9, 0, 0)), (invoice.PeriodStart, invoice.PeriodEnd));

        var text = PdfText.All(new InvoicePdf(new InvoiceSellerOptions()).Render(invoice));
        Assert.Contains("Bill to", text);
        Assert.Contains(ScriptName, text);
        Assert.Contains("Invalidenstraße 117", text);
        Assert.Contains("Hinterhaus", text);
        Assert.Contains("10115 Berlin", text);
        Assert.Contains("Germany", text);
        Assert.Contains("EU VAT DE123456789", text);
        Assert.Contains("finance@acme.test", text);
        Assert.Contains("Plan fee period", text);
        Assert.Contains("1 Apr – 1 May 2026", text);
        Assert.Contains("Usage period", text);
        Assert.Contains("1 Mar – 1 Apr 2026", text);
        // Issued invoices never change: the later details are nowhere on it.
        Assert.DoesNotContain("Renamed Ltd", text);
        Assert.DoesNotContain(text, t => t.Contains("Potsdam", StringComparison.Ordinal) || t.Contains("DE999999999", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutBillingDetails_TheInvoiceNamesTheWorkspaceAndItsOwner_AsBefore()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro, name: "Plain workspace");

        f.Clock.SetUtcNow(new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc));
        var invoice = (await f.Periods.RollOverAsync(ws, Ct)).Invoice!;

        Assert.Equal("Plain workspace", invoice.CustomerName);
        Assert.EndsWith("@periods.test", invoice.CustomerEmail);
        Assert.Null(invoice.CustomerAddress);
        Assert.Null(invoice.CustomerTaxId);
    }

    private static async Task SaveDetailsAsync(BillingFixture f, Guid ws, BillingDetailsInput input)
    {
        var values = BillingDetailsRules.Validate(input).Values ?? throw new InvalidOperationException("test details are invalid");
        await using var db = await f.Database.Factory.CreateDbContextAsync(Ct);
        var row = await db.BillingDetails.FirstOrDefaultAsync(d => d.WorkspaceId == ws, Ct);
        if (row is null)
            db.BillingDetails.Add(row = new WorkspaceBillingDetails { WorkspaceId = ws });
        row.Update(values, f.Clock.GetUtcNow().UtcDateTime, null);
        await db.SaveChangesAsync(Ct);
    }
}
