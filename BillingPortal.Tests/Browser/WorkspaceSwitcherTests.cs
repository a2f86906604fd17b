using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class WorkspaceSwitcherTests(BrowserFixture browser)
{
    [Fact]
    public async Task Owner_OpensTheWorkspaceSwitcher_AndSeesTeamAndPersonalWorkspaces()
    {
        await using var tab = await browser.OpenAsync("owner@acme.test", ColorScheme.Dark);
        await tab.Page.GotoAsync("");
        await BrowserFixture.WaitForColorSchemeAsync(tab.Page, ColorScheme.Dark);

        var switcher = tab.Page.GetByRole(AriaRole.Button, new() { Name = "Acme AI" });
        await Expect(switcher).ToHaveCountAsync(1);
        await switcher.ClickAsync();

        // Only a look: switching would move the owner's current workspace under the other browser tests.
        var items = tab.Page.GetByRole(AriaRole.Menuitem);
        await Expect(items.Filter(new() { HasText = "Acme AI" })).ToContainTextAsync("Owner");
        await Expect(items.Filter(new() { HasText = "owner (personal)" })).ToContainTextAsync("Owner");
    }
}
