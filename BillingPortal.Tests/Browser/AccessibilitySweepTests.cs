using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// axe-core on every page each role can reach (the 403 page for a Member), in light and dark: no serious or critical
/// violation. One tab per role and look; the shared app and Chromium of the browser collection.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilitySweepTests(BrowserFixture browser)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    private static readonly Dictionary<string, string[]> PagesByRole = new()
    {
        ["owner@acme.test"] = ["", "billing", "billing/usage", "billing/credits", "billing/payment", "billing/plans", "billing/rates",
            "billing/invoices", "billing/invoices/upcoming", "billing/details", "billing/budgets", "workspace/members", "workspace/api-keys", "notifications", "Account/Manage", "Account/Manage/ChangePassword"],
        ["finance@acme.test"] = ["", "billing", "billing/usage", "billing/invoices", "billing/details", "billing/budgets", "billing/rates", "Account/Manage"],
        ["member@acme.test"] = ["", "billing", "notifications", "Account/Manage"],
    };

    [Theory]
    [InlineData("owner@acme.test", ColorScheme.Light)]
    [InlineData("owner@acme.test", ColorScheme.Dark)]
    [InlineData("finance@acme.test", ColorScheme.Light)]
    [InlineData("finance@acme.test", ColorScheme.Dark)]
    [InlineData("member@acme.test", ColorScheme.Light)]
    [InlineData("member@acme.test", ColorScheme.Dark)]
    public async Task Person_UsingAssistiveTechnology_MeetsNoSeriousBarrier_OnAnyPageTheirRoleReaches(string email, ColorScheme scheme)
    {
        await using var tab = await browser.OpenAsync(email, scheme);
        var page = tab.Page;
        var found = new List<string>();
        foreach (var path in PagesByRole[email])
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Status is 200 or 403, $"/{path}: {response?.Status}");
            if (!path.StartsWith("Account/", StringComparison.Ordinal))
                await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"\S"));

            var result = await page.RunAxe();
            found.AddRange(result.Violations.Where(v => Blocking.Contains(v.Impact)).Select(v =>
                $"/{path}: {v.Impact} {v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}"));
        }
        Assert.True(found.Count == 0, $"{email} in {scheme}:\n{string.Join("\n", found)}");
    }
}
