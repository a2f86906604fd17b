using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>The upcoming invoice: reached from the Overview's "Full details on the invoice", showing its date, its lines so far and the same total.</summary>
[Collection(BrowserCollection.Name)]
public sealed class UpcomingInvoicePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Owner_FollowsFullDetailsFromTheOverview_AndSeesTheUpcomingInvoicesDateLinesAndTheSameTotal()
    {
        await using var tab = await browser.OpenAsync("owner@acme.test");
        var page = tab.Page;
        await page.GotoAsync("billing");
        // A click while the circuit starts can be lost between the prerendered link and the live one.
        await BrowserFixture.WaitForColorSchemeAsync(page, ColorScheme.Light);
        var card = page.GetByTestId("next-invoice");
        await Expect(card).ToContainTextAsync("Next invoice so far");
        var total = (await card.GetByTestId("next-invoice-total").TextContentAsync())!.Trim();
        var fee = (await card.GetByTestId("next-invoice-plan-fee").TextContentAsync())!.Trim();
        var issued = Regex.Match((await card.TextContentAsync())!, @"Issued (\d{1,2} \w{3} \d{4})").Groups[1].Value;
        Assert.NotEmpty(issued);

        await card.GetByRole(AriaRole.Link, new() { Name = "Full details on the invoice" }).ClickAsync();

        await page.WaitForURLAsync("**/billing/invoices/upcoming");
        await Expect(page.GetByTestId("upcoming-invoice-page")).ToHaveTextAsync("Upcoming invoice");
        await Expect(page.GetByTestId("upcoming-invoice-date")).ToHaveTextAsync(issued);
        var charges = page.GetByTestId("upcoming-invoice-charges");
        var planFee = charges.Locator("[data-testid=upcoming-invoice-line][data-kind=PlanFee]");
        await Expect(planFee).ToHaveCountAsync(1);
        await Expect(planFee).ToContainTextAsync(fee);
        await Expect(page.GetByTestId("upcoming-invoice-total")).ToHaveTextAsync(total);
        await Expect(page.Locator("[data-testid=upcoming-invoice-period][data-label='Plan fee period']")).ToContainTextAsync(issued.Split(' ')[0]);
        await Expect(page.Locator("[data-testid=upcoming-invoice-period][data-label='Usage period']")).ToBeVisibleAsync();
        // The demo workspace used credits this period: the usage is listed, paid already, not charged again.
        await Expect(page.GetByTestId("upcoming-invoice-information").Locator("[data-testid=upcoming-invoice-line][data-kind=UsageSummary]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Owner_ReachesTheUpcomingInvoice_FromTheInvoicesPage()
    {
        await using var tab = await browser.OpenAsync("owner@acme.test");
        await tab.Page.GotoAsync("billing/invoices");
        // A click while the circuit starts can be lost between the prerendered link and the live one.
        await BrowserFixture.WaitForColorSchemeAsync(tab.Page, ColorScheme.Light);

        await tab.Page.GetByTestId("invoices-upcoming-link").ClickAsync();

        await tab.Page.WaitForURLAsync("**/billing/invoices/upcoming");
        await Expect(tab.Page.GetByTestId("upcoming-invoice-date")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Member_GetsNoUpcomingInvoice()
    {
        await using var tab = await browser.OpenAsync("member@acme.test");
        var response = await tab.Page.GotoAsync("billing/invoices/upcoming");

        Assert.Equal(403, response?.Status);
    }

    [Fact]
    public async Task Owner_LooksAtTheUpcomingInvoice_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync("owner@acme.test", scheme, width);
            var response = await tab.Page.GotoAsync("billing/invoices/upcoming");
            Assert.Equal(200, response?.Status);
            await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
            await Expect(tab.Page.GetByTestId("upcoming-invoice-total")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(tab.Page, Screenshots.Name("upcoming-invoice", scheme, width), width);
        }
    }
}
