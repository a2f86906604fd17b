using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// The app bar's menus are made on their first open and the drawer's links are plain markup (memory per circuit,
/// benchmarks/README.md "Circuits"): each menu still opens by mouse and by keyboard and shows its items, and the
/// drawer still marks the current page and follows navigation.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LazyMenuTests(BrowserFixture browser)
{
    private const string Finance = "finance@acme.test";

    [Fact]
    public async Task Finance_ClicksTheAccountMenu_AndSeesItsItems()
    {
        await using var tab = await browser.OpenAsync(Finance);
        var page = tab.Page;
        await page.GotoAsync("billing/credits");
        await WaitForCircuitAsync(page);

        var account = page.GetByRole(AriaRole.Button, new() { Name = "Account menu" });
        await account.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Account settings" })).ToBeVisibleAsync();
        await Expect(account).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Log out" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Finance_OpensTheWorkspaceSwitcher_WithEnter_AndKeepsTheFocusOnIt()
    {
        await using var tab = await browser.OpenAsync(Finance);
        var page = tab.Page;
        await page.GotoAsync("billing/credits");
        await WaitForCircuitAsync(page);

        var switcher = page.GetByTestId("workspace-switcher").GetByRole(AriaRole.Button).First;
        await switcher.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Menuitem).Filter(new() { HasText = "Acme AI" })).ToBeVisibleAsync();
        // The stand-in that had the focus was replaced by MudMenu's button, which has it now.
        await page.WaitForFunctionAsync("() => document.activeElement?.closest('[data-testid=workspace-switcher]') !== null");
    }

    [Fact]
    public async Task Finance_SeesTheCurrentPageMarkedInTheDrawer_AndTheMarkFollowsALinkClick()
    {
        await using var tab = await browser.OpenAsync(Finance);
        var page = tab.Page;
        await page.GotoAsync("billing/credits");
        await WaitForCircuitAsync(page);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });

        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Credits" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(nav.Locator("[aria-current=page]")).ToHaveCountAsync(1);

        await nav.GetByRole(AriaRole.Link, new() { Name = "Usage" }).ClickAsync();
        await page.WaitForURLAsync("**/billing/usage");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Usage" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Usage" })).ToHaveClassAsync("mud-nav-link mud-ripple active");
        await Expect(nav.Locator("[aria-current=page]")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Finance_OnAPhone_TapsADrawerLink_AndTheDrawerCloses()
    {
        await using var tab = await browser.OpenAsync(Finance, ColorScheme.Light, 390);
        var page = tab.Page;
        await page.GotoAsync("billing/credits");
        await WaitForCircuitAsync(page);
        await OpenDrawerAsync(page);
        var usage = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Usage" });
        await Expect(usage).ToBeInViewportAsync();

        await usage.ClickAsync();

        await page.WaitForURLAsync("**/billing/usage");
        await Expect(usage).Not.ToBeInViewportAsync();
    }

    [Fact]
    public async Task Finance_LooksAtUsageAndAnOpenMenu_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync(Finance, scheme, width);
            var page = tab.Page;
            await page.GotoAsync("billing/usage");
            await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
            await Screenshots.SaveAsync(page, Screenshots.Name("usage-lazy", scheme, width), width);

            await OpenAccountMenuAsync(page);
            await Screenshots.SaveAsync(page, Screenshots.Name("account-menu-lazy", scheme, width), width, fullPage: false, stillAnimations: true);
        }
    }

    /// <summary>The credits page says when its circuit is up; before that a click does nothing.</summary>
    private static Task WaitForCircuitAsync(IPage page) =>
        Expect(page.GetByTestId("credits-page")).ToHaveAttributeAsync("data-interactive", "true");

    /// <summary>
    /// Taps the menu button until the drawer is open: MudDrawer's responsive mode learns the screen's width from the
    /// browser after the first render and closes itself then, which can undo a tap made just before (CI under load).
    /// </summary>
    private static async Task OpenDrawerAsync(IPage page)
    {
        var open = page.Locator(".mud-drawer.mud-drawer--open");
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" }).ClickAsync();
            try
            {
                await open.WaitForAsync(new() { Timeout = 5_000 });
                await page.WaitForTimeoutAsync(500);
                if (await open.CountAsync() == 1)
                {
                    return;
                }
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>Clicks the account menu until it shows (a click before the circuit is up does nothing).</summary>
    private static async Task OpenAccountMenuAsync(IPage page)
    {
        var item = page.GetByRole(AriaRole.Menuitem, new() { Name = "Account settings" });
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Account menu" }).ClickAsync();
            try
            {
                await item.WaitForAsync(new() { Timeout = 3_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 10)
            {
            }
        }
    }
}
