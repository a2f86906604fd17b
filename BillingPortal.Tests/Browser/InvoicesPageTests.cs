using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Tests.Features.Invoices;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class InvoicesPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Owner_SeesThePastDueInvoiceFlaggedRed_AndItsPayNowLeadsToThePaymentPage(ColorScheme scheme)
    {
        var testers = await InvoiceTesters.EnsureAsync(browser);
        await using var tab = await browser.OpenAsync(InvoiceTesters.OwnerEmail, scheme);
        var page = tab.Page;
        await OpenAsync(page, scheme);

        var rows = page.GetByTestId("invoices-table").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(10); // 12 invoices, 10 a page
        var pastDue = page.Locator("tr.bp-invoice-past-due");
        await Expect(pastDue).ToHaveCountAsync(1);
        await Expect(pastDue.GetByTestId("invoice-number")).ToContainTextAsync(testers.PastDue.DisplayNumber);
        await Expect(pastDue.GetByTestId("invoice-status")).ToHaveTextAsync("Past due");
        // Red: the wash behind the cells carries the theme's error colour, and the chip is the error colour.
        var wash = await pastDue.Locator("td").First.EvaluateAsync<double[]>(
            "td => { const c = document.createElement('canvas').getContext('2d'); c.fillStyle = getComputedStyle(td).backgroundColor; c.fillRect(0, 0, 1, 1); return Array.from(c.getImageData(0, 0, 1, 1).data); }");
        Assert.True(wash[3] > 0 && wash[0] > 2 * wash[1] && wash[0] > 2 * wash[2], $"past-due wash is rgba({string.Join(", ", wash)})");
        await Expect(pastDue.GetByTestId("invoice-status")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-chip-color-error"));
        await Expect(page.Locator("tr:not(.bp-invoice-past-due) [data-testid=invoice-pay-now]")).ToHaveCountAsync(0);
        // Newest first: the first row is the latest number.
        await Expect(rows.First.GetByTestId("invoice-number")).ToContainTextAsync(testers.Newest.DisplayNumber);

        await pastDue.GetByTestId("invoice-pay-now").ClickAsync();

        await page.WaitForURLAsync("**/billing/payment");
        await Expect(page.GetByTestId("payment-page")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Owner_DownloadsAnInvoiceAsPdf_NamedForItsNumber()
    {
        var testers = await InvoiceTesters.EnsureAsync(browser);
        await using var tab = await browser.OpenAsync(InvoiceTesters.OwnerEmail);
        var page = tab.Page;
        await OpenAsync(page, ColorScheme.Light);
        var row = page.Locator("tr.bp-invoice-past-due");

        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByTestId("invoice-pdf").ClickAsync());

        Assert.Equal($"{testers.PastDue.DisplayNumber}.pdf", download.SuggestedFilename);
        var text = PdfText.All(await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken));
        Assert.Contains(testers.PastDue.DisplayNumber, text);
        Assert.Contains("PAST DUE", text);
        Assert.Contains("$52.21", text);
    }

    [Fact]
    public async Task Owner_OpensAnInvoice_AndReadsItsCharges_ThenWhatWasAlreadyPaid()
    {
        var testers = await InvoiceTesters.EnsureAsync(browser);
        await using var tab = await browser.OpenAsync(InvoiceTesters.OwnerEmail);
        var page = tab.Page;
        await OpenAsync(page, ColorScheme.Light);

        await page.Locator("tr.bp-invoice-past-due").GetByRole(AriaRole.Link, new() { Name = testers.PastDue.DisplayNumber, Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("invoice-detail")).ToHaveTextAsync(testers.PastDue.DisplayNumber);
        await Expect(page.GetByTestId("invoice-charges").GetByTestId("invoice-line")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("invoice-total")).ToHaveTextAsync("$52.21");
        await Expect(page.GetByTestId("invoice-information").GetByTestId("invoice-line")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("invoice-information")).ToContainTextAsync("not part of the total");
        await Expect(page.GetByTestId("invoice-pay-now")).ToHaveAttributeAsync("href", "billing/payment");
    }

    [Fact]
    public async Task Owner_WithNoInvoicesYet_IsToldWhenTheFirstComes()
    {
        await InvoiceTesters.EnsureAsync(browser);
        await using var tab = await browser.OpenAsync(InvoiceTesters.EmptyOwnerEmail);
        await OpenAsync(tab.Page, ColorScheme.Light);

        await Expect(tab.Page.GetByTestId("invoices-empty")).ToContainTextAsync("No invoices yet.");
        await Expect(tab.Page.GetByTestId("invoices-empty")).ToContainTextAsync("first invoice is issued when this billing period ends");
    }

    [Fact]
    public async Task Owner_LooksAtTheInvoicesPages_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        var testers = await InvoiceTesters.EnsureAsync(browser);
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync(InvoiceTesters.OwnerEmail, scheme, width);
            var name = $"{scheme.ToString().ToLowerInvariant()}-{width}";
            await OpenAsync(tab.Page, scheme);
            await Expect(tab.Page.Locator("tr.bp-invoice-past-due")).ToHaveCountAsync(1);
            await Screenshots.SaveAsync(tab.Page, $"invoices-{name}", width);

            await tab.Page.GotoAsync($"billing/invoices/{testers.PastDue.Id}");
            await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
            await Expect(tab.Page.GetByTestId("invoice-total")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(tab.Page, $"invoice-detail-{name}", width);
        }
    }

    [Fact]
    public async Task Owner_UsingAssistiveTechnology_MeetsNoSeriousBarrier_OnTheInvoicesPages()
    {
        var testers = await InvoiceTesters.EnsureAsync(browser);
        await using var tab = await browser.OpenAsync(InvoiceTesters.OwnerEmail);
        await OpenAsync(tab.Page, ColorScheme.Light);
        await Expect(tab.Page.Locator("tr.bp-invoice-past-due")).ToHaveCountAsync(1);
        CreditsPageTests.AssertNoBlocking(await tab.Page.RunAxe(), "invoices page");

        await tab.Page.GotoAsync($"billing/invoices/{testers.PastDue.Id}");
        await Expect(tab.Page.GetByTestId("invoice-total")).ToBeVisibleAsync();
        // The title names the invoice once the interactive render has its data (the head is redrawn then).
        await Expect(tab.Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(testers.PastDue.DisplayNumber));
        CreditsPageTests.AssertNoBlocking(await tab.Page.RunAxe(), "invoice detail");
    }

    private static async Task OpenAsync(IPage page, ColorScheme scheme)
    {
        var response = await page.GotoAsync("billing/invoices");
        Assert.Equal(200, response?.Status);
        await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
        await Expect(page.Locator("[data-testid=invoices-page][data-interactive=true]")).ToHaveCountAsync(1);
    }
}

/// <summary>
/// Team workspaces of their own for the invoice tests: one with a year of invoices (the newest one past due), one
/// with none. Their Owners sign in with the demo password; the demo workspace stays as seeded.
/// </summary>
internal sealed record InvoiceTesters(Invoice PastDue, Invoice Newest)
{
    public const string OwnerEmail = "invoices-owner@invoices.test";
    public const string EmptyOwnerEmail = "no-invoices-owner@invoices.test";
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static InvoiceTesters? made;

    public static async Task<InvoiceTesters> EnsureAsync(BrowserFixture browser)
    {
        if (BrowserFixture.ChromiumPath is null)
            return new InvoiceTesters(null!, null!); // OpenAsync reports the skip
        await Once.WaitAsync();
        try
        {
            return made ??= await MakeAsync(browser);
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task<InvoiceTesters> MakeAsync(BrowserFixture browser)
    {
        var workspace = await CreateWorkspaceAsync(browser, OwnerEmail, "Invoice Testers");
        await CreateWorkspaceAsync(browser, EmptyOwnerEmail, "No Invoices Yet");
        var dbFactory = browser.App.DbFactory;
        Invoice? pastDue = null, newest = null;
        for (var period = 0; period < 12; period++)
        {
            var status = period switch { < 9 => InvoiceStatus.Paid, 9 => InvoiceStatus.Void, 10 => InvoiceStatus.PastDue, _ => InvoiceStatus.Open };
            var usage = period is 10 ? InvoiceTestData.UsageWithOverage : null;
            var invoice = await InvoiceTestData.IssuePeriodAsync(dbFactory, workspace, period, usage, status, customer: "Invoice Testers");
            if (period == 10)
                pastDue = invoice;
            newest = invoice;
        }
        return new InvoiceTesters(pastDue!, newest!);
    }

    private static Task<Guid> CreateWorkspaceAsync(BrowserFixture browser, string email, string name) =>
        TestWorkspaces.CreateAsync(browser, email, name, PlanCatalog.Pro);
}
