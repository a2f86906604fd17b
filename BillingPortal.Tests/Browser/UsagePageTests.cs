using System.Text.RegularExpressions;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Usage;
using BillingPortal.Tests.Features.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class UsagePageTests(BrowserFixture browser)
{
    private static readonly SemaphoreSlim SeedOnce = new(1, 1);
    private static bool seeded;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The demo workspace gets 40 days of built usage once for this class.
    private async Task SeedUsageAsync()
    {
        await SeedOnce.WaitAsync(Ct);
        try
        {
            if (seeded)
                return;
            await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
            var acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
            await new UsageDataBuilder(browser.App.DbFactory, acme).WriteAsync(UsageRange.Today(browser.App.Clock), days: 40, Ct);
            seeded = true;
        }
        finally
        {
            SeedOnce.Release();
        }
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Finance_ChangesTheRange_ClicksABar_AndDrillsIntoARun(ColorScheme scheme)
    {
        if (BrowserFixture.ChromiumPath is not null)
            await SeedUsageAsync();
        await using var tab = await browser.OpenAsync("finance@acme.test", scheme);
        var page = tab.Page;

        var response = await page.GotoAsync("billing/usage");
        Assert.Equal(200, response?.Status);
        await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
        var byDay = page.GetByTestId("chart-by-day");
        await Expect(byDay.Locator(".apexcharts-canvas")).ToHaveCountAsync(1);
        await Expect(byDay.Locator("[data-testid=chart-table] tbody tr")).ToHaveCountAsync(30);

        await page.GetByLabel("Date range").SelectOptionAsync("7d");
        await Expect(byDay.Locator("[data-testid=chart-table] tbody tr")).ToHaveCountAsync(7);
        await Expect(byDay.Locator(".apexcharts-bar-area").First).ToBeVisibleAsync();
        await SaveScreenshotAsync(page, $"usage-{scheme.ToString().ToLowerInvariant()}");

        var total7 = await page.GetByTestId("usage-total").TextContentAsync();
        await byDay.Locator(".apexcharts-bar-area").Last.ClickAsync(new() { Force = true });
        await Expect(page.GetByTestId("usage-filters")).ToContainTextAsync("Day:");
        await Expect(byDay.Locator("[data-testid=chart-table] tbody tr")).ToHaveCountAsync(1);
        Assert.NotEqual(total7, await page.GetByTestId("usage-total").TextContentAsync());

        var firstRun = page.GetByTestId("run-link").First;
        var runId = await firstRun.TextContentAsync();
        await firstRun.ClickAsync();
        await page.WaitForURLAsync(new Regex("/billing/usage/runs/"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Run {runId}" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("run-line-items").Locator("tbody tr").First).ToBeVisibleAsync();
        Assert.Equal(await page.GetByTestId("run-total").TextContentAsync(), await page.GetByTestId("line-items-total").TextContentAsync());
        await SaveScreenshotAsync(page, $"usage-run-{scheme.ToString().ToLowerInvariant()}");
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Finance_OnAPhone_SeesUsageChartsWithoutSidewaysScrolling(ColorScheme scheme)
    {
        if (BrowserFixture.ChromiumPath is not null)
            await SeedUsageAsync();
        await using var tab = await browser.OpenAsync("finance@acme.test", scheme, width: 390);

        await tab.Page.GotoAsync("billing/usage");
        await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
        await Expect(tab.Page.Locator(".apexcharts-canvas")).ToHaveCountAsync(4);

        await SaveScreenshotAsync(tab.Page, $"usage-{scheme.ToString().ToLowerInvariant()}-390");
        var scrollWidth = await tab.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"The Usage page is {scrollWidth}px wide on a 390px phone.");
    }

    [Fact]
    public async Task Member_OpeningUsage_SeesAccessDenied()
    {
        await using var tab = await browser.OpenAsync("member@acme.test");

        var response = await tab.Page.GotoAsync("billing/usage");

        Assert.Equal(403, response?.Status);
        await Expect(tab.Page.GetByTestId("chart-by-day")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DarkMode_OnLoadAndReload_ChartTextIsLightOnTheDarkPage()
    {
        if (BrowserFixture.ChromiumPath is not null)
            await SeedUsageAsync();
        await using var tab = await browser.OpenAsync("finance@acme.test", ColorScheme.Dark);
        var page = tab.Page;

        // The first visit: the server cannot know yet, the page finds out and the charts follow.
        await page.GotoAsync("billing/usage");
        await BrowserFixture.WaitForColorSchemeAsync(page, ColorScheme.Dark);
        await AssertChartTextIsLightAsync(page);

        // From then on the server knows (the theme cookie): the charts are born dark.
        await page.ReloadAsync();
        await BrowserFixture.WaitForColorSchemeAsync(page, ColorScheme.Dark);
        await Expect(page.GetByTestId("chart-by-day").Locator("[data-born]")).ToHaveAttributeAsync("data-born", "dark");
        await Expect(page.GetByTestId("chart-by-agent").Locator("[data-born]")).ToHaveAttributeAsync("data-born", "dark");
        await AssertChartTextIsLightAsync(page);
        await SaveScreenshotAsync(page, "usage-dark-reload");
    }

    private const string LuminanceOfFill =
        "el => { const [r, g, b] = getComputedStyle(el).fill.match(/\\d+/g).map(Number); return (0.299 * r + 0.587 * g + 0.114 * b) / 255; }";

    // Axis labels, the y-axis money and the donut's total must read on navy: their computed fill is light.
    private static async Task AssertChartTextIsLightAsync(IPage page)
    {
        foreach (var id in new[] { "chart-by-day", "chart-by-agent" })
            await Expect(page.GetByTestId(id).Locator("[data-mode]")).ToHaveAttributeAsync("data-mode", "dark");
        await Expect(page.GetByTestId("chart-by-agent").Locator(".apexcharts-datalabel-value")).Not.ToBeEmptyAsync();
        var texts = page.Locator(string.Join(", ",
            "[data-testid=chart-by-day] .apexcharts-xaxis-label", "[data-testid=chart-by-day] .apexcharts-yaxis-label",
            "[data-testid=chart-by-agent] .apexcharts-datalabel-value", "[data-testid=chart-by-agent] .apexcharts-datalabel-label"));
        var luminances = await texts.EvaluateAllAsync<double[]>($"els => els.map({LuminanceOfFill})");
        Assert.True(luminances.Length >= 4, $"Only {luminances.Length} chart texts were found.");
        Assert.All(luminances, l => Assert.True(l > 0.6, $"A chart text has luminance {l:F2} on the dark page."));
        var legend = await page.GetByTestId("chart-by-agent").GetByTestId("chart-legend").EvaluateAsync<double>(
            "el => { const [r, g, b] = getComputedStyle(el).color.match(/\\d+/g).map(Number); return (0.299 * r + 0.587 * g + 0.114 * b) / 255; }");
        Assert.True(legend > 0.6, $"The donut legend has luminance {legend:F2} on the dark page.");
    }

    [Fact]
    public async Task ASharedLink_OpensWithItsRangeAndFilters_AndSurvivesAReload()
    {
        if (BrowserFixture.ChromiumPath is not null)
            await SeedUsageAsync();
        await using var tab = await browser.OpenAsync("finance@acme.test");
        var page = tab.Page;
        var today = UsageRange.Today(browser.App.Clock);
        var (from, to) = (today.AddDays(-9), today.AddDays(-3));
        var link = $"billing/usage?range=custom&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&agent=support-bot";

        foreach (var reload in new[] { false, true })
        {
            if (reload)
                await page.ReloadAsync();
            else
                Assert.Equal(200, (await page.GotoAsync(link))?.Status);
            await Expect(page.GetByTestId("usage-filters")).ToContainTextAsync("Agent: support-bot");
            await Expect(page.GetByLabel("Date range")).ToHaveValueAsync("custom");
            await Expect(page.GetByTestId("chart-by-day").Locator("[data-testid=chart-table] tbody tr")).ToHaveCountAsync(7);
            await Expect(page.GetByTestId("chart-by-agent").Locator("[data-testid=chart-table] tbody tr")).ToHaveCountAsync(1);
        }
        // The picture is of the drawn page: the charts and the runs behind them, not the moment before they arrive.
        await Expect(page.GetByTestId("chart-by-day").Locator(".apexcharts-bar-area").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("chart-by-agent").Locator(".apexcharts-pie-area").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("usage-runs")).ToContainTextAsync("support-bot");
        await SaveScreenshotAsync(page, "usage-shared-link");

        // A link from someone else's workspace, or a mistyped one, is a sentence, never an error page.
        Assert.Equal(200, (await page.GotoAsync($"billing/usage?range=forever&apiKey={Guid.NewGuid()}"))?.Status);
        await Expect(page.GetByTestId("usage-link-notes")).ToContainTextAsync("not one of this workspace's");
        await Expect(page.GetByTestId("usage-link-notes")).ToContainTextAsync("\"forever\" is not one");

        // Ninety days read as ISO weeks, with one readable tick per bar.
        await page.GotoAsync("billing/usage?range=90d");
        await Expect(page.GetByTestId("chart-by-day").Locator("caption")).ToHaveTextAsync("Spend by week");
        await Expect(page.GetByTestId("chart-by-day").Locator(".apexcharts-canvas")).ToHaveCountAsync(1);
        await SaveScreenshotAsync(page, "usage-90-days");
    }

    [Fact]
    public async Task KeyboardOnly_NarrowsByAChartsTableRow()
    {
        if (BrowserFixture.ChromiumPath is not null)
            await SeedUsageAsync();
        await using var tab = await browser.OpenAsync("finance@acme.test");
        var page = tab.Page;
        await page.GotoAsync("billing/usage?range=7d");
        var byAgent = page.GetByTestId("chart-by-agent");
        await Expect(byAgent.Locator(".apexcharts-canvas")).ToHaveCountAsync(1);

        // Tab from the chart's "Show table" button into the table twin: it shows itself while it has the focus.
        await byAgent.GetByRole(AriaRole.Button, new() { Name = "Show table" }).FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        var focused = byAgent.Locator("[data-testid=chart-row-button]").First;
        await Expect(focused).ToBeFocusedAsync();
        await Expect(focused).ToBeVisibleAsync();
        var name = (await focused.TextContentAsync())!.Trim();
        await SaveScreenshotAsync(page, "usage-keyboard-row");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("usage-filters")).ToContainTextAsync($"Agent: {name}");
        Assert.Contains("agent=", page.Url);

        // Space on a day's row narrows to that day.
        var byDay = page.GetByTestId("chart-by-day");
        await byDay.GetByRole(AriaRole.Button, new() { Name = "Show table" }).FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.GetByTestId("usage-filters")).ToContainTextAsync("Day:");
        await Expect(byDay.Locator("[data-testid=chart-table] tbody tr")).ToHaveCountAsync(1);
    }

    [Theory]
    [InlineData(ColorScheme.Light, 1280)]
    [InlineData(ColorScheme.Dark, 390)]
    public async Task AWorkspaceWithNoUsage_ShowsTheNextStep(ColorScheme scheme, int width)
    {
        const string email = "usage-empty-owner@acme.test";
        await TestWorkspaces.OnceAsync(browser, email, "Empty Usage Team", BillingPortal.Domain.PlanCatalog.Pro);
        await using var tab = await browser.OpenAsync(email, scheme, width);
        var page = tab.Page;

        await page.GotoAsync("billing/usage");
        await BrowserFixture.WaitForColorSchemeAsync(page, scheme);

        await Expect(page.GetByTestId("usage-empty")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Create an API key" })).ToHaveAttributeAsync("href", "workspace/api-keys");
        await Expect(page.GetByTestId("usage-empty-curl")).ToContainTextAsync("/api/v1/usage");
        await Expect(page.Locator(".apexcharts-canvas")).ToHaveCountAsync(0);
        // The example keeps its lines (scrolled sideways inside its box on a phone) and the page itself never widens.
        Assert.Equal("pre", await page.GetByTestId("usage-empty-curl").EvaluateAsync<string>("el => getComputedStyle(el).whiteSpace"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "The page scrolls sideways.");
        await SaveScreenshotAsync(page, $"usage-empty-{scheme.ToString().ToLowerInvariant()}-{width}");
    }

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotTests.Folder);
        var file = Path.Combine(ScreenshotTests.Folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {file}");
        Assert.True(new FileInfo(file).Length > 0);
    }
}
