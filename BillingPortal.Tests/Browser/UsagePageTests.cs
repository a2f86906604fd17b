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

        await page.GetByRole(AriaRole.Checkbox, new() { Name = "7 days", Exact = true }).ClickAsync();
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

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotTests.Folder);
        var file = Path.Combine(ScreenshotTests.Folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {file}");
        Assert.True(new FileInfo(file).Length > 0);
    }
}
