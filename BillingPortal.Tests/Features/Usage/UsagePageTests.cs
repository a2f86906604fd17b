using BillingPortal.Components.Charts;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Forecasts;
using BillingPortal.Features.Usage;
using BillingPortal.Security;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace BillingPortal.Tests.Features.Usage;

/// <summary>The page over a real SQLite file with built usage: what each chart is given, and how clicks narrow the view.</summary>
public sealed class UsagePageTests : BunitContextBase, IAsyncLifetime
{
    private TestDatabase database = default!;
    private string ownerId = default!;
    private IReadOnlyList<UsageLineItem> items = [];
    private DateOnly today;
    private UsageDataBuilder builder = default!;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Services.AddSingleton(new UsageQueryService(database.Factory));
        Services.AddSingleton(new WorkspaceDirectory(database.Factory));
        Services.AddSingleton(new AgentForecastQuery(database.Factory, database.Clock));
        Services.AddSingleton<TimeProvider>(database.Clock);
        ownerId = await database.AddUserAsync("owner@example.test");
        var workspaceId = await database.Provisioner.CreateTeamWorkspaceAsync("Globex", ownerId, PlanCatalog.Pro, trialDays: null, Ct);
        today = UsageRange.Today(database.Clock);
        builder = new UsageDataBuilder(database.Factory, workspaceId);
        items = await builder.WriteAsync(today, days: 35, Ct);
        JSInterop.SetupModule(BillingChart.ModulePath);
        SignInAs(ownerId, "owner@example.test", BillingPolicies.Read);
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await database.DisposeAsync();
    }

    private List<UsageLineItem> Last30() => [.. items.Where(i => DateOnly.FromDateTime(i.Timestamp) > today.AddDays(-30))];

    private static IRenderedComponent<BillingChart> Chart(IRenderedComponent<UsagePage> cut, string testId) =>
        cut.FindComponents<BillingChart>().Single(c => c.Instance.TestId == testId);

    [Fact]
    public void Render_GivesTheDailyChartOneSeriesPerLineItemSummingTheLineItemsOfEachDay()
    {
        var cut = Render<UsagePage>();
        cut.WaitForElement("[data-testid=chart-by-day]");

        var options = Chart(cut, "chart-by-day").Instance.BuildOptions();
        Assert.Equal(30, options.Categories.Count);
        foreach (var kind in Enum.GetValues<LineItemKind>())
        {
            var series = options.Series.Single(s => s.Name == LineItemLabels.Of(kind));
            var expected = Enumerable.Range(0, 30).Select(d => items.Where(i => i.LineItem == kind && DateOnly.FromDateTime(i.Timestamp) == today.AddDays(d - 29)).Sum(i => i.CostMicros));
            Assert.Equal(expected, series.Values);
        }
        var byAgent = Chart(cut, "chart-by-agent").Instance.BuildOptions();
        Assert.Equal(byAgent.Categories.Select(a => Last30().Where(i => i.Agent == a).Sum(i => i.CostMicros)), byAgent.Series[0].Values);
        Assert.Equal(new Money(Last30().Sum(i => i.CostMicros)).Format(), cut.Find("[data-testid=usage-total]").TextContent);
    }

    [Fact]
    public async Task ClickingAnAgentSlice_NarrowsTotalsToThatAgent_AndItsChipClearsIt()
    {
        var cut = Render<UsagePage>();
        cut.WaitForElement("[data-testid=chart-by-agent]");
        var agentChart = Chart(cut, "chart-by-agent");
        var index = agentChart.Instance.Categories.ToList().IndexOf("research-agent");

        await cut.InvokeAsync(() => agentChart.Instance.OnPointClickedAsync(index, 0));

        cut.WaitForAssertion(() => Assert.Contains("Agent: research-agent", cut.Find("[data-testid=usage-filters]").TextContent));
        Assert.Equal(new Money(Last30().Where(i => i.Agent == "research-agent").Sum(i => i.CostMicros)).Format(), cut.Find("[data-testid=usage-total]").TextContent);

        await cut.InvokeAsync(() => cut.Find("[data-testid=usage-filters] .mud-chip-close-button").Click());

        cut.WaitForAssertion(() => Assert.DoesNotContain("Agent:", cut.Find("[data-testid=usage-filters]").TextContent));
        Assert.Equal(new Money(Last30().Sum(i => i.CostMicros)).Format(), cut.Find("[data-testid=usage-total]").TextContent);
    }

    [Fact]
    public async Task ClickingABar_NarrowsToThatDay()
    {
        var cut = Render<UsagePage>();
        cut.WaitForElement("[data-testid=chart-by-day]");

        await cut.InvokeAsync(() => Chart(cut, "chart-by-day").Instance.OnPointClickedAsync(27, 0));

        var day = today.AddDays(-2);
        cut.WaitForAssertion(() => Assert.Contains("Day:", cut.Find("[data-testid=usage-filters]").TextContent));
        Assert.Equal(new Money(items.Where(i => DateOnly.FromDateTime(i.Timestamp) == day).Sum(i => i.CostMicros)).Format(), cut.Find("[data-testid=usage-total]").TextContent);
        Assert.Equal([BillingPortal.Domain.Text.DateText.DayInYear(day)], Chart(cut, "chart-by-day").Instance.Categories);
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private List<UsageLineItem> Last7() => [.. items.Where(i => DateOnly.FromDateTime(i.Timestamp) > today.AddDays(-7))];

    [Fact]
    public void ASharedLink_RestoresTheRangeAndEveryFilter()
    {
        Navigation.NavigateTo($"http://localhost/billing/usage?range=7d&agent=research-agent&apiKey={builder.SupportKeyId}");

        var cut = Render<UsagePage>();
        cut.WaitForElement("[data-testid=chart-by-day]");

        var filters = cut.Find("[data-testid=usage-filters]").TextContent;
        Assert.Contains("Agent: research-agent", filters);
        Assert.Contains("API key: Support prod", filters);
        Assert.Equal(7, Chart(cut, "chart-by-day").Instance.Categories.Count);
        Assert.Equal("7d", cut.Find("[data-testid=range-preset]").GetAttribute("value"));
        var expected = Last7().Where(i => i.Agent == "research-agent" && i.ApiKeyId == builder.SupportKeyId).Sum(i => i.CostMicros);
        Assert.Equal(new Money(expected).Format(), cut.Find("[data-testid=usage-total]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=usage-link-notes]"));
    }

    [Fact]
    public async Task ALinkWithAnotherWorkspacesApiKey_IgnoresIt_AndSaysSo()
    {
        var strangerId = await database.AddUserAsync("stranger@example.test");
        var otherWorkspace = await database.Provisioner.CreateTeamWorkspaceAsync("Initech", strangerId, PlanCatalog.Pro, trialDays: null, Ct);
        var other = new UsageDataBuilder(database.Factory, otherWorkspace);
        await other.WriteAsync(today, days: 2, Ct);
        Navigation.NavigateTo($"http://localhost/billing/usage?range=30d&apiKey={other.SupportKeyId}&day=not-a-day");

        var cut = Render<UsagePage>();
        cut.WaitForElement("[data-testid=chart-by-day]");

        var notes = cut.Find("[data-testid=usage-link-notes]").TextContent;
        Assert.Contains("not one of this workspace's", notes);
        Assert.Contains("\"not-a-day\" is not a date", notes);
        Assert.DoesNotContain("API key:", cut.Find("[data-testid=usage-filters]").TextContent);
        Assert.Equal(new Money(Last30().Sum(i => i.CostMicros)).Format(), cut.Find("[data-testid=usage-total]").TextContent);
    }

    [Fact]
    public async Task Narrowing_PutsTheFilterInTheLink()
    {
        var cut = Render<UsagePage>();
        cut.WaitForElement("[data-testid=chart-by-agent]");
        var agentChart = Chart(cut, "chart-by-agent");
        var index = agentChart.Instance.Categories.ToList().IndexOf("support-bot");

        await cut.InvokeAsync(() => agentChart.Instance.OnPointClickedAsync(index, 0));

        Assert.EndsWith("billing/usage?range=30d&agent=support-bot", Navigation.Uri);
    }

    [Fact]
    public void NinetyDays_AreDrawnAsIsoWeeks_WithTheSameTotal()
    {
        Navigation.NavigateTo("http://localhost/billing/usage?range=90d");

        var cut = Render<UsagePage>();
        cut.WaitForElement("[data-testid=chart-by-day]");

        var chart = Chart(cut, "chart-by-day").Instance;
        Assert.Equal("Spend by week", chart.Title);
        Assert.InRange(chart.Categories.Count, 13, 14);
        Assert.Equal(items.Sum(i => i.CostMicros), chart.Series.Sum(s => s.ValuesMicros.Sum()));
    }

    [Fact]
    public async Task ClickingAWeek_ZoomsIntoItsDays()
    {
        Navigation.NavigateTo("http://localhost/billing/usage?range=90d");
        var cut = Render<UsagePage>();
        cut.WaitForElement("[data-testid=chart-by-day]");

        await cut.InvokeAsync(() => Chart(cut, "chart-by-day").Instance.OnPointClickedAsync(Chart(cut, "chart-by-day").Instance.Categories.Count - 2, 0));

        cut.WaitForAssertion(() => Assert.Equal("Spend by day", Chart(cut, "chart-by-day").Instance.Title));
        Assert.Equal(7, Chart(cut, "chart-by-day").Instance.Categories.Count);
        Assert.Contains("range=custom", Navigation.Uri);
    }

    [Fact]
    public async Task AWorkspaceWithNoUsage_ShowsHowToStart_NotEmptyCharts()
    {
        var newcomerId = await database.AddUserAsync("newcomer@example.test");
        await database.Provisioner.CreateTeamWorkspaceAsync("Fresh", newcomerId, PlanCatalog.Pro, trialDays: null, Ct);
        SignInAs(newcomerId, "newcomer@example.test", BillingPolicies.Read);

        var cut = Render<UsagePage>();
        cut.WaitForElement("[data-testid=usage-empty]");

        Assert.Empty(cut.FindAll("[data-testid=chart-by-day]"));
        Assert.Equal("workspace/api-keys", cut.Find("[data-testid=usage-empty-api-keys]").GetAttribute("href"));
        Assert.Contains("api/v1/usage", cut.Find("[data-testid=usage-empty-curl]").TextContent);
    }
}
