using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Features.BillingDetails;
using BillingPortal.Features.Invoices;
using BillingPortal.Tests.Features.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>Billing details in a real browser: saved by an Owner, refused field by field, shown as text on the invoice and its PDF.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BillingDetailsPageTests(BrowserFixture browser)
{
    private const string OwnerEmail = "details-owner@details.test";
    private const string LegalName = "<script>window.__pwned = 1</script> Acme GmbH";

    [Fact]
    public async Task Owner_SavesBillingDetails_AfterFixingAFieldTheFormNamed_AndTheNextInvoiceAndItsPdfShowThemAsText()
    {
        var workspace = await TestWorkspaces.OnceAsync(browser, OwnerEmail, "Details Testers", PlanCatalog.Pro);
        await using var tab = await browser.OpenAsync(OwnerEmail);
        var page = tab.Page;
        await OpenAsync(page);

        await page.GetByLabel("Legal name").FillAsync(LegalName);
        await page.GetByLabel("Address", new() { Exact = true }).FillAsync("Invalidenstraße 117");
        await page.GetByLabel("City").FillAsync("Berlin");
        await page.GetByLabel("Postal code").FillAsync("10115");
        await PickAsync(page, "bd-country", "Germany (DE)");
        await PickAsync(page, "bd-tax-type", "EU VAT");
        await page.GetByLabel("Tax id (optional)").FillAsync("DE12");
        await page.GetByLabel("Billing e-mail (optional)").FillAsync("finance@acme.test");
        await page.GetByTestId("billing-details-save").ClickAsync();

        // Refused with the field's own message; nothing saved.
        await Expect(page.GetByText("EU VAT numbers look like DE123456789; this one does not.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("billing-details-message")).ToHaveTextAsync("Check the highlighted fields.");
        await page.GetByLabel("Tax id (optional)").FillAsync("DE 123 456 789");
        await page.GetByTestId("billing-details-save").ClickAsync();
        await Expect(page.GetByTestId("billing-details-message")).ToContainTextAsync("Billing details saved.");

        // Reopened, the name reads back as typed, and the markup in it never ran.
        await OpenAsync(page);
        await Expect(page.GetByLabel("Legal name")).ToHaveValueAsync(LegalName);
        await Expect(page.GetByLabel("Tax id (optional)")).ToHaveValueAsync("DE123456789");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned"));

        // The next invoice is issued as the worker issues it: the details copied on at issue.
        var invoice = await IssueAsync(workspace);
        await page.GotoAsync($"billing/invoices/{invoice.Id}");
        var billTo = page.GetByTestId("invoice-bill-to");
        await Expect(billTo.GetByTestId("invoice-bill-to-name")).ToHaveTextAsync(LegalName);
        await Expect(billTo).ToContainTextAsync("Invalidenstraße 117");
        await Expect(billTo).ToContainTextAsync("10115 Berlin");
        await Expect(billTo.GetByTestId("invoice-bill-to-tax-id")).ToHaveTextAsync("EU VAT DE123456789");
        await Expect(page.Locator("[data-testid=invoice-period][data-label='Plan fee period']")).ToContainTextAsync("Plan fee period");
        await Expect(page.Locator("[data-testid=invoice-period][data-label='Usage period']")).ToContainTextAsync("Usage period");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__pwned"));

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("invoice-pdf").ClickAsync());
        var text = PdfText.All(await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken));
        Assert.Contains(LegalName, text);
        Assert.Contains("Invalidenstraße 117", text);
        Assert.Contains("EU VAT DE123456789", text);
        Assert.Contains("finance@acme.test", text);
    }

    [Fact]
    public async Task Owner_LooksAtTheBillingDetailsPage_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        await TestWorkspaces.OnceAsync(browser, OwnerEmail, "Details Testers", PlanCatalog.Pro);
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync(OwnerEmail, scheme, width);
            await OpenAsync(tab.Page);
            await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
            await Screenshots.SaveAsync(tab.Page, Screenshots.Name("billing-details", scheme, width), width);
        }
    }

    [Fact]
    public async Task FinanceWithBillingRead_SeesTheDetailsReadOnly_WithNoSaveButton()
    {
        await using var tab = await browser.OpenAsync("finance@acme.test");
        await OpenAsync(tab.Page);

        await Expect(tab.Page.GetByTestId("billing-details-read-only")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByTestId("billing-details-save")).ToHaveCountAsync(0);
        await Expect(tab.Page.GetByLabel("Legal name")).Not.ToBeEditableAsync();
    }

    [Fact]
    public async Task Member_GetsNoBillingDetails()
    {
        await using var tab = await browser.OpenAsync("member@acme.test");
        var response = await tab.Page.GotoAsync("billing/details");

        Assert.Equal(403, response?.Status);
    }

    private async Task<Invoice> IssueAsync(Guid workspace)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync();
        await using var tx = await db.Database.BeginTransactionAsync();
        var customer = await InvoiceCustomer.ReadAsync(db, workspace, default);
        var start = InvoiceTestData.FirstPeriodStart;
        var lines = PeriodCharges.Lines(PlanCatalog.Pro, start.AddMonths(1), start.AddMonths(2), start, start.AddMonths(1), PeriodUsage.None);
        var issue = await InvoiceIssuer.IssueWithinAsync(db, new InvoiceDraft(workspace, InvoiceKind.Period, $"period:{start:yyyyMMddHHmmss}", PlanCatalog.Pro.Code,
            start, start.AddMonths(1), start.AddMonths(1), start.AddMonths(1).AddDays(7), customer.Name, customer.Email, lines,
            customer.Address, customer.TaxId, start.AddMonths(1), start.AddMonths(2)));
        await tx.CommitAsync();
        return issue.Invoice;
    }

    private static async Task PickAsync(IPage page, string selectTestId, string option)
    {
        // By its test id: MudBlazor nests one .mud-select in another, so a class-and-label locator finds two.
        await page.GetByTestId(selectTestId).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    private static async Task OpenAsync(IPage page)
    {
        var response = await page.GotoAsync("billing/details");
        Assert.Equal(200, response?.Status);
        await Expect(page.Locator("[data-testid=billing-details-page][data-interactive=true]")).ToHaveCountAsync(1);
    }
}
