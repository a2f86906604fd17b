using System.Globalization;
using BillingPortal.Domain;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// The forecast by agent on the Usage page for the demo workspace. The expected numbers are worked out here from the
/// raw usage line items (not the rollups the page reads) at the app's fake clock (10 Mar 2026), so the test never
/// depends on today's date and checks the rollups, the arithmetic and the words together.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AgentForecastTests(BrowserFixture browser)
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Expected(string Agent, string Pace, string Projected, string Share);

    [Fact]
    public async Task Finance_SeesEachAgentsPace_ItsProjection_AndItsShare_AsTheLineItemsSayAndInOrder()
    {
        await using var tab = await browser.OpenAsync("finance@acme.test");
        var expected = await ExpectedAsync();
        await tab.Page.GotoAsync("billing/usage");
        await BrowserFixture.WaitForColorSchemeAsync(tab.Page, ColorScheme.Light);

        var card = tab.Page.GetByTestId("agent-forecast");
        var rows = card.GetByTestId("agent-forecast-row");
        await Expect(rows).ToHaveCountAsync(expected.Count);
        Assert.True(expected.Count >= 4, "The demo has four agents running every day.");
        for (var i = 0; i < expected.Count; i++)
        {
            var row = rows.Nth(i);
            await Expect(row).ToHaveAttributeAsync("data-agent", expected[i].Agent);
            await Expect(row.GetByTestId("agent-forecast-pace")).ToHaveTextAsync(expected[i].Pace);
            await Expect(row.GetByTestId("agent-forecast-projected")).ToHaveTextAsync(expected[i].Projected);
            await Expect(row.GetByTestId("agent-forecast-share")).ToHaveTextAsync(expected[i].Share);
        }
    }

    [Fact]
    public async Task Owner_LooksAtTheForecastByAgent_InLightAndDark_AtPhoneAndDesktopWidth()
    {
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync("owner@acme.test", scheme, width);
            await tab.Page.GotoAsync("billing/usage");
            await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
            var card = tab.Page.GetByTestId("agent-forecast");
            await Expect(card.GetByTestId("agent-forecast-row").First).ToBeVisibleAsync();
            // At phone width each agent is one sentence; at desktop width, columns.
            await Expect(card.GetByTestId(width < 600 ? "agent-forecast-sentence" : "agent-forecast-pace").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(tab.Page, Screenshots.Name("usage-agent-forecast", scheme, width), width);
            await card.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, Screenshots.Name("usage-agent-forecast-card", scheme, width) + ".png") });
        }
    }

    /// <summary>Each agent's line from the line items of the 7 complete UTC days before the app's today, highest pace first.</summary>
    private async Task<List<Expected>> ExpectedAsync()
    {
        var now = browser.App.Clock.GetUtcNow().UtcDateTime;
        var (from, to) = (now.Date.AddDays(-7), now.Date);
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        var acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        // The period's end as the billing rules date it (the demo's trial, with a card, converts at its end).
        var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.WorkspaceId == acme, Ct);
        var periodEnd = (await UsableCard.DatesAsync(db, subscription, now, Ct)).ChangesAt;
        var items = await db.UsageLineItems.Where(i => i.WorkspaceId == acme && i.Timestamp >= now.Date.AddDays(-90) && i.Timestamp < to)
            .Select(i => new { i.Agent, i.Timestamp, i.CostMicros }).ToListAsync(Ct);
        // Other tests may add agents to the shared demo workspace: one first seen inside the week has no pace yet.
        var weeks = items.GroupBy(i => i.Agent)
            .Select(g => (Agent: g.Key, Week: g.Where(i => i.Timestamp >= from).Sum(i => i.CostMicros), Enough: g.Min(i => i.Timestamp) < from.AddDays(1)))
            .Where(a => a.Week > 0).OrderByDescending(a => a.Week).ThenBy(a => a.Agent, StringComparer.Ordinal).ToList();
        var total = weeks.Sum(a => a.Week);
        return [.. weeks.Take(10).Select(a => new Expected(
            a.Agent,
            // A seventh of the week rounded up; the week times the time left over 7 days, rounded down; the share to the percent.
            a.Enough ? new Money((a.Week + 6) / 7).Format(Us) + " a day" : "Not enough history yet",
            a.Enough ? new Money((long)((decimal)a.Week * (periodEnd - now).Ticks / TimeSpan.FromDays(7).Ticks)).Format(Us) : "",
            Math.Round(100m * a.Week / total, MidpointRounding.AwayFromZero).ToString("0", Us) + "%"))];
    }
}
