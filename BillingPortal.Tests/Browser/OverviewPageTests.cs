using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>The completed Billing Overview in a real browser: plan, status, next billing date, the next invoice so far.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OverviewPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Owner_OpensTheOverview_AndSeesThePlanStatusAndTheNextInvoiceSoFar()
    {
        await using var scenario = await BannerScenario.TrialAsync(browser, TimeSpan.FromDays(9));
        await using var tab = await browser.OpenAsync("owner@acme.test");
        await tab.Page.GotoAsync("billing");

        await Expect(tab.Page.GetByTestId("subscription-status")).ToHaveTextAsync("Trial · 9 days left");
        var next = tab.Page.GetByTestId("next-invoice");
        await Expect(next).ToContainTextAsync("Next invoice so far");
        await Expect(next.GetByTestId("next-invoice-plan-fee")).ToHaveTextAsync("$49.00");
        // The total is the fee plus whatever overage the demo's credit balance carries; both are shown.
        var overage = decimal.Parse((await next.GetByTestId("next-invoice-overage").TextContentAsync())!.TrimStart('$'), System.Globalization.CultureInfo.InvariantCulture);
        await Expect(next.GetByTestId("next-invoice-total")).ToHaveTextAsync((49m + overage).ToString("$#,##0.00", System.Globalization.CultureInfo.InvariantCulture));
        await Expect(next.GetByRole(AriaRole.Link, new() { Name = "Full details on the invoice" })).ToHaveAttributeAsync("href", "billing/invoices/upcoming");
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Compare plans" })).ToHaveAttributeAsync("href", "billing/plans");
    }

    [Fact]
    public async Task Owner_OfAPastDueWorkspace_SeesItInTheStatusChip_AndOneBanner()
    {
        await using var scenario = await BannerScenario.PastDueAsync(browser);
        await using var tab = await browser.OpenAsync("owner@acme.test");
        await tab.Page.GotoAsync("billing");

        await Expect(tab.Page.GetByTestId("subscription-status")).ToHaveTextAsync("Past due");
        await Expect(tab.Page.GetByTestId("subscription-banner")).ToHaveCountAsync(1);
    }

    [Theory]
    [InlineData("trial")]
    [InlineData("past-due")]
    public async Task Owner_UsingAssistiveTechnology_MeetsNoSeriousBarrier_OnTheOverview(string state)
    {
        await using var scenario = state == "trial"
            ? await BannerScenario.TrialAsync(browser, TimeSpan.FromDays(9))
            : await BannerScenario.PastDueAsync(browser);
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var tab = await browser.OpenAsync("owner@acme.test", scheme);
            await tab.Page.GotoAsync("billing");
            await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
            await Expect(tab.Page.GetByTestId("next-invoice")).ToBeVisibleAsync();

            var result = await tab.Page.RunAxe();

            var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(blocking.Count == 0, $"{state}, {scheme}: " + string.Join("\n", blocking.Select(v =>
                $"{v.Impact} {v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}")));
        }
    }

    [Fact]
    public async Task Owner_LooksAtTheOverview_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        await using var scenario = await BannerScenario.TrialAsync(browser, TimeSpan.FromDays(9));
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync("owner@acme.test", scheme, width);
            await tab.Page.GotoAsync("billing");
            await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
            await Expect(tab.Page.GetByTestId("next-invoice")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(tab.Page, Screenshots.Name("overview", scheme, width), width);
        }
    }
}
