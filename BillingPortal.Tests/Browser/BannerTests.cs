using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// The subscription banner above every page, in a real browser: the trial countdown for billing readers (links only for
/// managers), and the past-due banner that sends a manager to the payment page and goes away once the invoice is paid.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BannerTests(BrowserFixture browser)
{
    private const string Banner = "subscription-banner";

    [Fact]
    public async Task Owner_DuringTheTrial_SeesTheCountdown_AndTheChooseAPlanLink_OnEveryPage()
    {
        await using var scenario = await BannerScenario.TrialAsync(browser, TimeSpan.FromDays(9));
        await using var tab = await browser.OpenAsync("owner@acme.test");

        foreach (var path in new[] { "billing", "billing/usage", "" })
        {
            await tab.Page.GotoAsync(path);
            var banner = tab.Page.GetByTestId(Banner);
            await Expect(banner).ToContainTextAsync("Your Pro trial ends in 9 days");
            await Expect(banner).ToHaveAttributeAsync("role", "status");
            await Expect(banner.GetByRole(AriaRole.Link, new() { Name = "Choose a plan" })).ToHaveAttributeAsync("href", "billing/plans");
        }
    }

    [Fact]
    public async Task Finance_DuringTheTrial_SeesTheCountdown_WithoutTheLink()
    {
        await using var scenario = await BannerScenario.TrialAsync(browser, TimeSpan.FromDays(9));
        await using var tab = await browser.OpenAsync("finance@acme.test");
        await tab.Page.GotoAsync("billing");

        var banner = tab.Page.GetByTestId(Banner);
        await Expect(banner).ToContainTextAsync("Your Pro trial ends in 9 days");
        await Expect(banner.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("member@acme.test")]
    [InlineData("viewer@acme.test")]
    public async Task MemberWithoutBillingRead_SeesNoBanner(string email)
    {
        await using var scenario = await BannerScenario.TrialAsync(browser, TimeSpan.FromDays(9));
        await using var tab = await browser.OpenAsync(email);
        await tab.Page.GotoAsync("");

        // The banner is part of the server's first render, so once the page is there it would be too.
        await Expect(tab.Page.Locator("#main")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByTestId(Banner)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Owner_OfAPastDueWorkspace_IsSentToThePaymentPage_AndTheBannerGoesOncePaid()
    {
        await using var scenario = await BannerScenario.PastDueAsync(browser);
        await using var tab = await browser.OpenAsync("owner@acme.test", ColorScheme.Dark);
        await tab.Page.GotoAsync("billing");
        await BrowserFixture.WaitForColorSchemeAsync(tab.Page, ColorScheme.Dark); // interactive from here

        var banner = tab.Page.GetByTestId(Banner);
        await Expect(banner).ToContainTextAsync($"Invoice {scenario.InvoiceNumber} for $49.00 is past due since");
        await Expect(banner).ToContainTextAsync("Agent runs are paused until it is paid.");
        await banner.GetByRole(AriaRole.Link, new() { Name = "Update payment method" }).ClickAsync();
        await tab.Page.WaitForURLAsync(url => url.EndsWith("/billing/payment", StringComparison.Ordinal));
        await Expect(banner).ToBeVisibleAsync();

        await scenario.PayAsync();
        // A client-side navigation, not a reload: the layout re-reads on LocationChanged.
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Overview", Exact = true }).First.ClickAsync();
        await tab.Page.WaitForURLAsync(url => url.EndsWith("/billing", StringComparison.Ordinal));
        await Expect(banner).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Finance_OfAPausedWorkspace_SeesAnAlert_WithoutLinks_AndWhomToAsk()
    {
        await using var scenario = await BannerScenario.PastDueAsync(browser, paused: true);
        await using var tab = await browser.OpenAsync("finance@acme.test");
        await tab.Page.GotoAsync("billing");

        var banner = tab.Page.GetByTestId(Banner);
        await Expect(banner).ToHaveAttributeAsync("role", "alert");
        await Expect(banner).ToContainTextAsync("Your subscription is paused");
        await Expect(banner).ToContainTextAsync("Ask a workspace Owner or Admin");
        await Expect(banner.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("trial")]
    [InlineData("past-due")]
    [InlineData("paused")]
    public async Task Owner_UsingAssistiveTechnology_MeetsNoSeriousBarrier_InTheBanner(string state)
    {
        await using var scenario = await StartAsync(state);
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var tab = await browser.OpenAsync("owner@acme.test", scheme);
            await tab.Page.GotoAsync("billing");
            await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
            await Expect(tab.Page.GetByTestId(Banner)).ToBeVisibleAsync();

            var result = await tab.Page.RunAxe(new AxeRunContext { Include = [new AxeSelector($"[data-testid={Banner}]")] });

            var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(blocking.Count == 0, $"{state}, {scheme}: " + string.Join("\n", blocking.Select(v => $"{v.Impact} {v.Id}: {v.Help}")));
        }
    }

    [Theory]
    [InlineData("trial")]
    [InlineData("past-due")]
    [InlineData("paused")]
    public async Task Owner_LooksAtTheBanner_InLightAndDark_AtDesktopAndPhoneWidth(string state)
    {
        await using var scenario = await StartAsync(state);
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync("owner@acme.test", scheme, width);
            await tab.Page.GotoAsync("billing/usage");
            await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
            await Expect(tab.Page.GetByTestId(Banner)).ToBeVisibleAsync();
            await Screenshots.SaveAsync(tab.Page, Screenshots.Name($"banner-{state}", scheme, width), width, fullPage: false);
        }
    }

    private Task<BannerScenario> StartAsync(string state) => state switch
    {
        "trial" => BannerScenario.TrialAsync(browser, TimeSpan.FromDays(2)),
        "past-due" => BannerScenario.PastDueAsync(browser),
        _ => BannerScenario.PastDueAsync(browser, paused: true),
    };
}
