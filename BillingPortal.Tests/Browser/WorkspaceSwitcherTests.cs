using Microsoft.EntityFrameworkCore;
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
        await Expect(items.Filter(new() { HasText = "Acme AI" })).ToHaveAttributeAsync("aria-current", "true");
    }

    [Fact]
    public async Task Finance_SwitchesToTheirPersonalWorkspace_AndBack_StayingOnThePage()
    {
        // Dark, because the dark palette appearing is the sign that the circuit is up and the menu will open.
        await using var tab = await browser.OpenAsync("finance@acme.test", ColorScheme.Dark);
        var page = tab.Page;
        await page.GotoAsync("billing/invoices");
        await BrowserFixture.WaitForColorSchemeAsync(page, ColorScheme.Dark);

        await SwitchAsync(page, from: "Acme AI", to: "finance (personal)");
        try
        {
            // The form posted (with its token), the server switched, and the browser came back to the same page.
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/billing/invoices$"));
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "finance (personal)" })).ToBeVisibleAsync();
        }
        finally
        {
            // The other browser tests expect finance in Acme AI: whatever happened above, put them back before failing.
            try
            {
                await SwitchAsync(page, from: "finance (personal)", to: "Acme AI");
            }
            finally
            {
                var ct = TestContext.Current.CancellationToken;
                await using var db = await browser.App.DbFactory.CreateDbContextAsync(ct);
                var acme = await db.Workspaces.Where(w => w.Name == BillingPortal.Features.Demo.DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(ct);
                await db.Users.Where(u => u.Email == "finance@acme.test").ExecuteUpdateAsync(u => u.SetProperty(x => x.LastWorkspaceId, acme), ct);
            }
        }
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Acme AI" })).ToBeVisibleAsync();
    }

    private static async Task SwitchAsync(IPage page, string from, string to)
    {
        // The page's theme is drawn on the server now, so the dark palette no longer says the circuit is up: a click
        // before it is does not open the menu. Open it until its item shows.
        var item = page.GetByRole(AriaRole.Menuitem).Filter(new() { HasText = to });
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByRole(AriaRole.Button, new() { Name = from }).ClickAsync();
            try
            {
                await item.WaitForAsync(new() { Timeout = 5_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 5)
            {
            }
        }
        var post = await page.RunAndWaitForResponseAsync(() => item.ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/workspaces/select/", StringComparison.Ordinal));
        Assert.Equal(302, post.Status);
        // The reloaded page names the new workspace; its dark palette means its circuit is up again.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = to })).ToBeVisibleAsync();
        await BrowserFixture.WaitForColorSchemeAsync(page, ColorScheme.Dark);
    }
}
