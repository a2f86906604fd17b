using BillingPortal.Components.Charts;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Usage;
using BillingPortal.Security;
using BillingPortal.Tests.Infrastructure;
using Bunit;

namespace BillingPortal.Tests.Features.Usage;

/// <summary>The page over a real SQLite file with built usage: what each chart is given, and how clicks narrow the view.</summary>
public sealed class UsagePageTests : BunitContextBase, IAsyncLifetime
{
    private TestDatabase database = default!;
    private string ownerId = default!;
    private IReadOnlyList<UsageLineItem> items = [];
    private DateOnly today;

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Services.AddSingleton(new UsageQueryService(database.Factory));
        Services.AddSingleton(new WorkspaceDirectory(database.Factory));
        Services.AddSingleton<TimeProvider>(database.Clock);
        ownerId = await database.AddUserAsync("owner@example.test");
        var workspaceId = await database.Provisioner.CreateTeamWorkspaceAsync("Globex", ownerId, PlanCatalog.Pro, trialDays: null, Ct);
        today = UsageRange.Today(database.Clock);
        items = await new UsageDataBuilder(database.Factory, workspaceId).WriteAsync(today, days: 35, Ct);
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
}
