using System.Net;
using System.Text.RegularExpressions;
using BillingPortal.Domain;
using BillingPortal.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// Names an API caller chose are text on every surface: ApexCharts writes legends and tooltips as HTML, so a
/// script-bearing agent or key name must show as the characters it is, and never run.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ChartTextTests(BrowserFixture browser)
{
    private const string Agent = """<img src=x onerror="window.__xss='agent'"><b>&amp;""";
    private const string KeyName = """<img src=x onerror="window.__xss='key'">key""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owner_OpeningUsage_SeesScriptBearingNamesAsText_AndNothingRuns()
    {
        const string email = "chart-text-owner@acme.test";
        var workspaceId = await TestWorkspaces.OnceAsync(browser, email, "Chart Text Team", PlanCatalog.Pro);
        if (BrowserFixture.ChromiumPath is not null)
            await PlantThroughMeteringApiAsync(workspaceId);
        await using var tab = await browser.OpenAsync(email);
        var page = tab.Page;

        Assert.Equal(200, (await page.GotoAsync("billing/usage"))?.Status);
        var byAgent = page.GetByTestId("chart-by-agent");
        await Expect(byAgent.Locator(".apexcharts-canvas")).ToHaveCountAsync(1);
        // The donuts' legends are the page's markup; the bar chart's is ApexCharts' own (line item names, escaped all the same).
        await Expect(byAgent.GetByTestId("chart-legend")).ToHaveTextAsync(Agent);
        await Expect(page.GetByTestId("chart-by-api-key").GetByTestId("chart-legend")).ToHaveTextAsync(KeyName);

        // The tooltips: a slice of each donut and the day's bar.
        await HoverRingAsync(byAgent);
        await Expect(byAgent.Locator(".apexcharts-tooltip")).ToContainTextAsync(Agent);
        var byKey = page.GetByTestId("chart-by-api-key");
        await HoverRingAsync(byKey);
        await Expect(byKey.Locator(".apexcharts-tooltip")).ToContainTextAsync(KeyName);
        var byDay = page.GetByTestId("chart-by-day");
        await byDay.Locator(".apexcharts-bar-area:not([val=\"0\"])").Last.HoverAsync(new() { Force = true });
        await Expect(byDay.Locator(".apexcharts-tooltip-title")).Not.ToBeEmptyAsync();

        await Expect(page.GetByTestId("usage-runs")).ToContainTextAsync(Agent);
        await AssertNothingRanAsync(page);

        await page.GetByTestId("run-link").First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/billing/usage/runs/"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Run xss-run" })).ToBeVisibleAsync();
        await Expect(page.Locator("#main")).ToContainTextAsync(Agent);
        await AssertNothingRanAsync(page);
    }

    // The only slice is the whole ring: its box's centre is the hole, so point just inside its top edge.
    private static async Task HoverRingAsync(ILocator chart)
    {
        var slice = chart.Locator(".apexcharts-pie-area").First;
        var box = await slice.BoundingBoxAsync();
        Assert.NotNull(box);
        await slice.HoverAsync(new() { Force = true, Position = new() { X = box.Width / 2, Y = 6 } });
    }

    private static async Task AssertNothingRanAsync(IPage page)
    {
        Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
        Assert.Null(await page.EvaluateAsync<string?>("() => window.__xss ?? null"));
        Assert.Equal(0, await page.Locator(".apexcharts-legend-text b, [data-testid=chart-legend] b").CountAsync());
    }

    // The agent through the real metering API, as a runtime sends it; the key's name as its owner would type it.
    private async Task PlantThroughMeteringApiAsync(Guid workspaceId)
    {
        var ws = await MeteringTesting.WithKeyAsync(browser.App, workspaceId);
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync(Ct))
            await db.ApiKeys.Where(k => k.Id == ws.KeyId).ExecuteUpdateAsync(k => k.SetProperty(x => x.Name, KeyName), Ct);
        var response = await ws.PostUsageAsync(MeteringTesting.Llm(browser.App, $"xss-{Guid.NewGuid():N}", run: "xss-run", agent: Agent));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
