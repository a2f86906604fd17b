using System.Globalization;
using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using BillingPortal.Domain;
using BillingPortal.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class CreditsPageTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Owner_SeesBalanceAndRecentMovements_AndFiltersTheLedgerToPurchases(ColorScheme scheme)
    {
        await using var tab = await browser.OpenAsync("owner@acme.test", scheme);
        var page = tab.Page;
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        var acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        var wallet = await db.Wallets.SingleAsync(w => w.WorkspaceId == acme, Ct);
        var purchases = await db.LedgerEntries.CountAsync(e => e.WorkspaceId == acme && e.Type == LedgerEntryType.Purchase, Ct);

        await OpenAsync(page, scheme);

        await Expect(page.GetByTestId("credit-balance")).ToHaveTextAsync(new Money(wallet.CreditBalanceMicros).Format(CultureInfo.GetCultureInfo("en-US")));
        await Expect(page.GetByTestId("purchase-credits")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("recent-movements").Locator("tbody tr")).ToHaveCountAsync(5);
        await Expect(page.GetByTestId("auto-top-up-card")).ToBeVisibleAsync();
        var ledgerRows = page.GetByTestId("ledger-table").Locator("tbody tr");
        await Expect(ledgerRows.First).ToBeVisibleAsync();

        await page.GetByTestId("ledger").Locator(".mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex("^\\s*Purchase\\s*$") }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");

        await Expect(page.GetByTestId("ledger-type")).ToHaveCountAsync(Math.Min(purchases, 20));
        foreach (var type in await page.GetByTestId("ledger-type").AllTextContentsAsync())
            Assert.Equal("Purchase", type.Trim());
        await Expect(page.GetByTestId("export-csv")).ToHaveAttributeAsync("href", new Regex("types=Purchase"));
    }

    [Fact]
    public async Task Finance_SeesTheCredits_ButNoPurchaseButton()
    {
        await using var tab = await browser.OpenAsync("finance@acme.test");
        var page = tab.Page;

        await OpenAsync(page, ColorScheme.Light);
        await page.GotoAsync("billing/credits?purchase=1");
        await Expect(page.Locator("[data-testid=credits-page][data-interactive=true]")).ToHaveCountAsync(1);

        await Expect(page.GetByTestId("credit-balance")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("export-csv")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("purchase-credits")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("purchase-dialog")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Owner_TypesAnAmountBelowTheMinimum_SeesWhy_AndNothingStarts()
    {
        var team = await CardTesters.EnsureAsync(browser);
        await using var tab = await browser.OpenAsync(CardTesters.OwnerEmail);
        var page = tab.Page;
        await OpenAsync(page, ColorScheme.Light);
        var before = await PaymentCountAsync(team);

        await page.GetByTestId("purchase-credits").ClickAsync();
        await page.Locator("input[data-testid=custom-amount]").FillAsync("4.99");
        await page.GetByTestId("purchase-submit").ClickAsync();

        await Expect(page.GetByTestId("purchase-dialog")).ToContainTextAsync("The minimum purchase is $5.00.");
        Assert.Equal(before, await PaymentCountAsync(team));
        Assert.EndsWith("/billing/credits", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owner_ClicksContinueFiveTimesFast_AndOneCheckoutOpens()
    {
        var team = await CardTesters.EnsureAsync(browser);
        await using var tab = await browser.OpenAsync(CardTesters.OwnerEmail);
        var page = tab.Page;
        var response = await page.GotoAsync("billing/credits?purchase=1"); // as the Out of Credits card links
        Assert.Equal(200, response?.Status);
        await Expect(page.GetByTestId("purchase-dialog")).ToBeVisibleAsync();

        await page.Locator("input[data-testid=custom-amount]").FillAsync("37.21");
        await Expect(page.GetByTestId("purchase-submit")).ToContainTextAsync("$37.21");
        // Five clicks in one go, before the first answer can disable the button.
        await page.GetByTestId("purchase-submit").EvaluateAsync("b => { for (let i = 0; i < 5; i++) b.click(); }");

        await page.WaitForURLAsync(url => !url.Contains("purchase=1", StringComparison.Ordinal));
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        var started = await db.Payments.Where(p => p.WorkspaceId == team && p.AmountMicros == 37_210_000).ToListAsync(Ct);
        var payment = Assert.Single(started);
        Assert.NotNull(payment.CheckoutUrl);
        Assert.Equal(0, await db.LedgerEntries.CountAsync(e => e.WorkspaceId == team && e.Type == LedgerEntryType.Purchase, Ct));
    }

    [Fact]
    public async Task Owner_LooksAtTheCreditsPageAndThePurchaseDialog_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync("owner@acme.test", scheme, width);
            var page = tab.Page;
            await OpenAsync(page, scheme);
            await Expect(page.GetByTestId("ledger-table").Locator("tbody tr").First).ToBeVisibleAsync();
            var name = $"{scheme.ToString().ToLowerInvariant()}-{width}";
            await Screenshots.SaveAsync(page, $"credits-{name}", width);

            await page.GetByTestId("purchase-credits").ClickAsync();
            await page.Locator("input[data-testid=custom-amount]").FillAsync("12.345");
            await page.Locator("input[data-testid=custom-amount]").BlurAsync();
            await Expect(page.GetByTestId("purchase-dialog")).ToContainTextAsync("Use at most two decimals");
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotTests.Folder, $"purchase-dialog-{name}.png") });
        }
    }

    [Fact]
    public async Task Owner_UsingAssistiveTechnology_MeetsNoSeriousBarrier_OnTheCreditsPageOrThePurchaseDialog()
    {
        await using var tab = await browser.OpenAsync("owner@acme.test");
        var page = tab.Page;
        await OpenAsync(page, ColorScheme.Light);
        await Expect(page.GetByTestId("ledger-table").Locator("tbody tr").First).ToBeVisibleAsync();
        AssertNoBlocking(await page.RunAxe(), "credits page");

        await page.GetByTestId("purchase-credits").ClickAsync();
        await Expect(page.GetByTestId("purchase-dialog")).ToBeVisibleAsync();
        AssertNoBlocking(await page.RunAxe(), "purchase dialog");
    }

    internal static void AssertNoBlocking(Deque.AxeCore.Commons.AxeResult result, string what)
    {
        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, what + ":\n" + string.Join("\n", blocking.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help}\n    at {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}")));
    }

    private static async Task OpenAsync(IPage page, ColorScheme scheme)
    {
        var response = await page.GotoAsync("billing/credits");
        Assert.Equal(200, response?.Status);
        await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
        await Expect(page.Locator("[data-testid=credits-page][data-interactive=true]")).ToHaveCountAsync(1);
    }

    private async Task<int> PaymentCountAsync(Guid workspaceId)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        return await db.Payments.CountAsync(p => p.WorkspaceId == workspaceId, Ct);
    }
}
