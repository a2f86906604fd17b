using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using BillingPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>The auto top-up card and dialog on /billing/credits, as an Owner and as a reader, with pictures of both.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AutoTopUpTests(BrowserFixture browser)
{
    private const string CardProviderId = "pm_browser_auto_top_up";

    [Fact]
    public async Task Owner_EnablesAutoTopUpInTheDialog_AndSeesItOn()
    {
        var workspaceId = await CurrentWorkspaceAsync("owner@acme.test");
        await ResetAsync(workspaceId);
        await AddCardAsync(workspaceId);
        try
        {
            await using var tab = await browser.OpenAsync("owner@acme.test");
            await tab.Page.GotoAsync("billing/credits");
            var card = await InteractiveCardAsync(tab.Page);
            await Expect(card.GetByTestId("auto-top-up-state")).ToHaveTextAsync("Off");

            await card.GetByRole(AriaRole.Button, new() { Name = "Enable auto top-up" }).ClickAsync();
            var dialog = tab.Page.GetByRole(AriaRole.Dialog);
            await Expect(dialog.GetByTestId("auto-top-up-card-select")).ToContainTextAsync("•••• 4242");

            // A threshold above the amount is refused next to its field, and nothing is saved.
            await dialog.GetByLabel("When the balance falls to").FillAsync("30");
            await dialog.GetByLabel("Add this amount").FillAsync("25");
            await dialog.GetByTestId("auto-top-up-save").ClickAsync();
            await Expect(dialog.GetByText("The threshold can't be above the top-up amount.")).ToBeVisibleAsync();
            Assert.False(await HasSettingsAsync(workspaceId));

            await dialog.GetByLabel("When the balance falls to").FillAsync("10");
            await dialog.GetByLabel("Monthly cap on automatic charges").FillAsync("100");
            await dialog.GetByTestId("auto-top-up-save").ClickAsync();
            await Expect(dialog).ToHaveCountAsync(0);

            await Expect(card.GetByTestId("auto-top-up-state")).ToHaveTextAsync("On");
            await Expect(card.GetByTestId("auto-top-up-cap")).ToContainTextAsync("$0.00 of $100.00 used this month");
            await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Manage" })).ToBeVisibleAsync();
            await using var db = await browser.App.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
            var stored = await db.CreditSettings.AsNoTracking().SingleAsync(s => s.WorkspaceId == workspaceId, TestContext.Current.CancellationToken);
            Assert.True(stored.AutoTopUpEnabled);
            Assert.Equal((10_000_000, 25_000_000, 100_000_000), (stored.AutoTopUpThresholdMicros, stored.AutoTopUpAmountMicros, stored.AutoTopUpMonthlyCapMicros));
        }
        finally
        {
            await ResetAsync(workspaceId);
        }
    }

    [Fact]
    public async Task Reader_SeesTheStateButNoManageButton()
    {
        var workspaceId = await CurrentWorkspaceAsync("finance@acme.test");
        await ResetAsync(workspaceId);
        await using var tab = await browser.OpenAsync("finance@acme.test");
        await tab.Page.GotoAsync("billing/credits");
        var card = tab.Page.GetByTestId("auto-top-up-card");
        await Expect(card.GetByTestId("auto-top-up-state")).ToHaveTextAsync("Off");
        await Expect(card.GetByTestId("low-balance-threshold")).ToBeVisibleAsync();
        await Expect(card.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Owner_LooksAtTheCardAndTheDialog_InLightAndDark_AtPhoneAndDesktopWidth()
    {
        var workspaceId = await CurrentWorkspaceAsync("owner@acme.test");
        await ResetAsync(workspaceId);
        await AddCardAsync(workspaceId);
        Directory.CreateDirectory(ScreenshotTests.Folder);
        try
        {
            foreach (var (scheme, width) in Screenshots.Looks)
            {
                await using var tab = await browser.OpenAsync("owner@acme.test", scheme, width);
                await tab.Page.GotoAsync("billing/credits");
                await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
                var card = await InteractiveCardAsync(tab.Page);
                var suffix = $"{scheme.ToString().ToLowerInvariant()}-{width}.png";
                await card.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotTests.Folder, $"auto-top-up-card-{suffix}") });

                await card.GetByTestId("auto-top-up-manage").ClickAsync();
                var dialog = tab.Page.GetByRole(AriaRole.Dialog);
                await Expect(dialog.GetByTestId("auto-top-up-save")).ToBeVisibleAsync();
                await dialog.GetByLabel("Add this amount").FillAsync("4.999");
                await dialog.GetByTestId("auto-top-up-save").ClickAsync();
                await Expect(dialog.GetByText("Use at most two decimals (whole cents).")).ToBeVisibleAsync();
                await tab.Page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotTests.Folder, $"auto-top-up-dialog-{suffix}"), FullPage = true });
                var scrollWidth = await tab.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
                Assert.True(scrollWidth <= width, $"The credits page scrolls sideways at {width}px ({scrollWidth}px wide, {scheme}).");

                // Saved, the card shows it on; the next round starts from off again.
                await dialog.GetByLabel("Add this amount").FillAsync("25");
                await dialog.GetByTestId("auto-top-up-save").ClickAsync();
                await Expect(card.GetByTestId("auto-top-up-state")).ToHaveTextAsync("On");
                await card.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotTests.Folder, $"auto-top-up-card-on-{suffix}") });
                await ResetAsync(workspaceId, keepCard: true);
            }
        }
        finally
        {
            await ResetAsync(workspaceId);
        }
    }

    /// <summary>The card once its circuit is up, so a click reaches the server instead of the prerendered copy.</summary>
    private static async Task<ILocator> InteractiveCardAsync(IPage page)
    {
        var card = page.Locator("[data-testid=auto-top-up-card][data-interactive=true]");
        await Expect(card).ToBeVisibleAsync();
        return card;
    }

    private async Task<Guid> CurrentWorkspaceAsync(string email)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
        var current = await browser.App.Services.GetRequiredService<WorkspaceDirectory>().ResolveCurrentAsync(userId, TestContext.Current.CancellationToken);
        return current!.WorkspaceId;
    }

    private Task AddCardAsync(Guid workspaceId) =>
        browser.App.Services.GetRequiredService<PaymentMethodStore>().AttachAsync(
            new CardAttach(workspaceId, PaymentProvider.Local, CardProviderId, "visa", "4242", 12, browser.App.Clock.GetUtcNow().Year + 3), TestContext.Current.CancellationToken);

    private async Task<bool> HasSettingsAsync(Guid workspaceId)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.CreditSettings.AnyAsync(s => s.WorkspaceId == workspaceId, TestContext.Current.CancellationToken);
    }

    /// <summary>Leaves the shared demo workspace as other browser tests expect it: no auto top-up settings, no test card.</summary>
    private async Task ResetAsync(Guid workspaceId, bool keepCard = false)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        await db.CreditSettings.Where(s => s.WorkspaceId == workspaceId).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        if (!keepCard)
            await db.PaymentMethods.Where(m => m.ProviderMethodId == CardProviderId).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        browser.App.Services.GetRequiredService<BillingPortal.Features.Credits.AutoTopUp.AutoTopUpSettingsCache>().Invalidate(workspaceId);
    }
}
