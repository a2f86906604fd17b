using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// "Add a payment method first" is not a dead end: the refusal opens the card form, and saving the card comes back to
/// the Plans page with the upgrade's dialog open. A trial says on the Plans page what its end will charge.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UpgradeWithoutACardTests(BrowserFixture browser)
{
    private const string Owner = "nocard-owner@plans.test";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owner_WithoutACard_AddsOneFromTheRefusal_AndTheUpgradeGoesOn()
    {
        var workspace = await TestWorkspaces.OnceAsync(browser, Owner, "No Card Yet", PlanCatalog.Free);
        await using var tab = await browser.OpenAsync(Owner, ColorScheme.Light, 1280);
        var page = tab.Page;
        await OpenPlansAsync(page, "billing/plans");

        await page.Locator("[data-plan=pro] [data-testid=upgrade]").ClickAsync();
        await Expect(page.GetByTestId("plans-refusal")).ToContainTextAsync("Add a payment method first");
        await page.GetByTestId("add-card-then-upgrade").ClickAsync();

        await page.WaitForURLAsync(u => u.Contains("/checkout/local/", StringComparison.Ordinal));
        await Expect(page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
        await page.GetByLabel("Card number", new() { Exact = true }).FillAsync("4242 4242 4242 4242");
        await page.GetByLabel("Expiry (MM / YY)", new() { Exact = true }).FillAsync("12 / 30");
        await page.GetByLabel("CVC", new() { Exact = true }).FillAsync("123");
        await page.GetByLabel("Name on card", new() { Exact = true }).FillAsync("Ada Lovelace");
        await page.GetByLabel("Name on card", new() { Exact = true }).BlurAsync();
        await page.GetByTestId("save-card").ClickAsync();

        await page.WaitForURLAsync(u => u.Contains("/billing/plans?upgrade=pro&setup=", StringComparison.Ordinal));
        await Expect(page.GetByTestId("upgrade-charge")).ToContainTextAsync("$");
        await page.GetByTestId("confirm-upgrade").ClickAsync();

        await Expect(page.Locator("[data-plan=pro] [data-testid=current-plan]")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("plans-notice")).ToContainTextAsync("Upgraded to Pro");
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        Assert.Equal("pro", (await db.Subscriptions.SingleAsync(s => s.WorkspaceId == workspace, Ct)).PlanCode);
        var card = await db.PaymentMethods.SingleAsync(m => m.WorkspaceId == workspace, Ct);
        Assert.Equal(("visa", "4242", true), (card.Brand, card.Last4, card.IsDefault));
        Assert.Equal(InvoiceKind.Proration, (await db.Invoices.SingleAsync(i => i.WorkspaceId == workspace, Ct)).Kind);
    }

    [Fact]
    public async Task Owner_InTheDemoTrial_IsToldWhichCardTheTrialsEndCharges_AndWhen()
    {
        await using var tab = await browser.OpenAsync("owner@acme.test", ColorScheme.Light, 1280);
        var page = tab.Page;
        await OpenPlansAsync(page, "billing/plans");

        var notice = page.GetByTestId("trial-end");
        await Expect(notice).ToContainTextAsync("Visa •••• 4242 will be charged $49.00 for the first month of Pro");
        await Expect(notice).ToContainTextAsync("When the trial ends on ");
        await Expect(page.GetByTestId("trial-add-card")).ToHaveCountAsync(0);
    }

    private static async Task OpenPlansAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response?.Status);
        await Expect(page.Locator("[data-testid=plans-page][data-interactive=true]")).ToHaveCountAsync(1);
    }
}
