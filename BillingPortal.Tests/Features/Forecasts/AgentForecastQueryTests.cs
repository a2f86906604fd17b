using BillingPortal.Domain;
using BillingPortal.Domain.Forecasts;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Forecasts;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Forecasts;

/// <summary>
/// The forecast by agent read from a real database. The clock stands at 1 Mar 2026 09:00 UTC (<see cref="TestDatabase"/>):
/// the week is 22–28 Feb, and a Pro workspace made then runs its period to 1 Apr 09:00, 31 days on.
/// </summary>
public class AgentForecastQueryTests : IAsyncLifetime
{
    private const long Dollar = 1_000_000;
    private TestDatabase database = default!;
    private AgentForecastQuery query = default!;
    private string ownerId = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        query = new AgentForecastQuery(database.Factory, database.Clock);
        ownerId = await database.AddUserAsync("owner@example.test");
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Get_SumsEachAgentsCompleteDays_OfThisWorkspaceOnly_AndProjectsToThePeriodsEnd()
    {
        var id = await NewWorkspaceAsync();
        var other = await NewWorkspaceAsync();
        for (var d = 22; d <= 28; d++)
        {
            await RollupAsync(id, Day(d), 2 * Dollar, "support-bot");
            await RollupAsync(id, Day(d), 1 * Dollar, "support-bot", key: "slack"); // two rollups of one day add up
            await RollupAsync(id, Day(d), 1 * Dollar, "code-reviewer");
        }
        await RollupAsync(id, Day(21), 500 * Dollar, "support-bot");                 // before the week
        await RollupAsync(id, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), 500 * Dollar, "support-bot"); // today: not complete
        await RollupAsync(other, Day(25), 1_000 * Dollar, "support-bot");

        var forecasts = await query.GetAsync(id, Ct);

        Assert.Equal(new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc), forecasts.PeriodEnd);
        Assert.Equal(28 * Dollar, forecasts.WorkspaceWeekMicros);
        Assert.Equal(
            [new AgentForecast("support-bot", true, 21 * Dollar, 3 * Dollar, 93 * Dollar, 75), new AgentForecast("code-reviewer", true, 7 * Dollar, 1 * Dollar, 31 * Dollar, 25)],
            forecasts.Agents);
    }

    [Fact]
    public async Task Get_AnAgentFirstSeenInsideTheWeek_HasNotEnoughHistory_OneSeenOnItsFirstDayHas()
    {
        var id = await NewWorkspaceAsync();
        await RollupAsync(id, Day(22), 7 * Dollar, "steady");   // on the week's first day: enough
        await RollupAsync(id, Day(23), 7 * Dollar, "new-bot");  // a day later: not
        await RollupAsync(id, Day(1), 1 * Dollar, "old-bot");   // long before the week, then idle
        await RollupAsync(id, Day(28), 14 * Dollar, "old-bot");

        var forecasts = await query.GetAsync(id, Ct);

        Assert.Equal(["old-bot", "new-bot", "steady"], forecasts.Agents.Select(a => a.Agent));
        Assert.True(forecasts.Agents.Single(a => a.Agent == "steady").EnoughHistory);
        Assert.True(forecasts.Agents.Single(a => a.Agent == "old-bot").EnoughHistory);
        Assert.False(forecasts.Agents.Single(a => a.Agent == "new-bot").EnoughHistory);
        Assert.Equal(25, forecasts.Agents.Single(a => a.Agent == "new-bot").SharePercent);
    }

    [Fact]
    public async Task Get_WithoutUsage_IsEmpty()
    {
        var forecasts = await query.GetAsync(await NewWorkspaceAsync(), Ct);

        Assert.Empty(forecasts.Agents);
        Assert.Equal(0, forecasts.WorkspaceWeekMicros);
    }

    private static DateTime Day(int february) => new(2026, 2, february, 0, 0, 0, DateTimeKind.Utc);

    private Task<Guid> NewWorkspaceAsync() =>
        database.Provisioner.CreateTeamWorkspaceAsync("Team " + Guid.NewGuid().ToString("N")[..6], ownerId, PlanCatalog.Pro, trialDays: null, Ct);

    private async Task RollupAsync(Guid workspaceId, DateTime day, long costMicros, string agent, string key = "gpt-4.1")
    {
        await using var db = database.Open();
        db.UsageDailyRollups.Add(new UsageDailyRollup
        {
            WorkspaceId = workspaceId, Day = day, Agent = agent, LineItem = LineItemKind.Llm, Metric = UsageMetric.InputTokens,
            Key = key, ApiKeyId = Guid.Empty, Quantity = 1, CostMicros = costMicros, LineItems = 1,
        });
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class AgentForecastQueryTestsOnPostgres : AgentForecastQueryTests, IRunsOnPostgres;
