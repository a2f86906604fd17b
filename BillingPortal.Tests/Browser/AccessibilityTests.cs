using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace BillingPortal.Tests.Browser;

/// <summary>axe-core (bundled in the Deque package, no download) on the pages everyone meets first.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    [Theory]
    [InlineData("Account/Login", null)]
    [InlineData("", null)]
    [InlineData("", "owner@acme.test")]
    public async Task Person_UsingAssistiveTechnology_MeetsNoSeriousOrCriticalBarrier(string path, string? email)
    {
        await using var tab = await browser.OpenAsync(email);
        var response = await tab.Page.GotoAsync(path);
        Assert.Equal(200, response?.Status);
        // When the circuit starts, Blazor's HeadOutlet re-renders <head>: scan after that (the page has gone quiet)
        // and with the title back, not in the gap between.
        await tab.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);
        await Microsoft.Playwright.Assertions.Expect(tab.Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(@"\S"));

        var result = await tab.Page.RunAxe();

        var blocking = result.Violations.Where(v => Blocking.Contains(v.Impact)).ToList();
        Assert.True(blocking.Count == 0, $"/{path} as {email ?? "a visitor"}:\n{Describe(blocking)}");
    }

    [Fact]
    public async Task SignedInPage_HasOneMainLandmark_AndAllContentInRegions()
    {
        await using var tab = await browser.OpenAsync("owner@acme.test");
        Assert.Equal(200, (await tab.Page.GotoAsync("billing"))?.Status);
        await tab.Page.WaitForLoadStateAsync(Microsoft.Playwright.LoadState.NetworkIdle);

        Assert.Equal(1, await tab.Page.Locator("main").CountAsync());
        var result = await tab.Page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "rule", Values = ["landmark-one-main", "region"] } });
        Assert.True(result.Violations.Length == 0, Describe(result.Violations));
    }

    private static string Describe(IEnumerable<AxeResultItem> violations) => string.Join("\n", violations.Select(v =>
        $"{v.Impact} {v.Id}: {v.Help} ({v.HelpUrl})\n    at {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}"));
}
