using BillingPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// Every card payment in the charge history leads to its document: the demo's purchases to their receipts, which show
/// what was paid, with which card, and any refund since; the PDF downloads from the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReceiptPageTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Finance_OpensARefundedPurchasesReceipt_FromTheChargeHistory_AndDownloadsItsPdf()
    {
        var refunded = await DemoPurchaseAsync(refunded: true);
        await using var tab = await browser.OpenAsync("finance@acme.test");
        var page = tab.Page;
        await OpenPaymentAsync(page);

        var history = page.GetByTestId("charge-history");
        // The demo's four purchases, each with its receipt (other browser tests add charges of their own to the demo).
        await Expect(history.Locator("tbody tr", new() { HasText = "Credit purchase" }).GetByTestId("charge-document")).ToHaveCountAsync(4);
        await Expect(history).ToContainTextAsync("Refunded $25.00");
        await history.Locator("tbody tr", new() { HasText = "Refunded $25.00" }).GetByTestId("charge-document").ClickAsync();

        await page.WaitForURLAsync(u => u.EndsWith($"/billing/receipts/{refunded.Id}", StringComparison.Ordinal));
        await Expect(page.GetByTestId("receipt-detail")).ToHaveTextAsync($"Receipt {ReceiptRules.Number(refunded.Id)}");
        await Expect(page.GetByTestId("receipt-refund")).ToContainTextAsync("-$25.00");
        await Expect(page.GetByTestId("receipt-total")).ToHaveTextAsync("$75.00");
        await Expect(page.GetByText("Visa •••• 4242")).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("receipt-pdf").ClickAsync());
        Assert.Equal($"Receipt-{ReceiptRules.Number(refunded.Id)}.pdf", download.SuggestedFilename);
    }

    [Fact]
    public async Task AReceiptIdOfNoReceipt_SaysSo_AndAMemberIsRefused()
    {
        await using (var tab = await browser.OpenAsync("owner@acme.test"))
        {
            var response = await tab.Page.GotoAsync($"billing/receipts/{Guid.NewGuid()}");
            Assert.Equal(200, response?.Status);
            await Expect(tab.Page.GetByTestId("receipt-missing")).ToBeVisibleAsync();
        }
        var purchase = await DemoPurchaseAsync(refunded: false);
        await using (var tab = await browser.OpenAsync("member@acme.test"))
        {
            await tab.Page.GotoAsync($"billing/receipts/{purchase.Id}");
            await Expect(tab.Page.GetByTestId("receipt-detail")).ToHaveCountAsync(0);
            await Expect(tab.Page.GetByText(ReceiptRules.Number(purchase.Id))).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task Owner_LooksAtAReceipt_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        var refunded = await DemoPurchaseAsync(refunded: true);
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync("owner@acme.test", scheme, width);
            await tab.Page.GotoAsync($"billing/receipts/{refunded.Id}");
            await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
            await Expect(tab.Page.GetByTestId("receipt-total")).ToHaveTextAsync("$75.00");
            await Screenshots.SaveAsync(tab.Page, Screenshots.Name("receipt", scheme, width), width);
        }
    }

    private static async Task OpenPaymentAsync(IPage page)
    {
        var response = await page.GotoAsync("billing/payment");
        Assert.Equal(200, response?.Status);
        await Expect(page.Locator("[data-testid=payment-page][data-interactive=true]")).ToHaveCountAsync(1);
    }

    private async Task<Payment> DemoPurchaseAsync(bool refunded)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        return await db.Payments.AsNoTracking()
            .Where(p => p.Purpose == PaymentPurpose.CreditPurchase && p.RequestKey.StartsWith("demo-checkout-"))
            .Where(p => refunded ? p.RefundedMicros > 0 : p.RefundedMicros == 0)
            .OrderBy(p => p.CreatedAt).FirstAsync(Ct);
    }
}
