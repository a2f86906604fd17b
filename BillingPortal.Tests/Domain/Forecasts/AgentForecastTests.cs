using System.Globalization;
using BillingPortal.Domain.Forecasts;

namespace BillingPortal.Tests.Domain.Forecasts;

public sealed class AgentForecastTests
{
    private const long Dollar = 1_000_000;
    private static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime PeriodEnd = new(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc); // 31 days on
    private static readonly DateOnly LongAgo = new(2026, 1, 1);
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    private static AgentSpend Agent(string name, long daily, DateOnly? first = null) =>
        new(name, first ?? LongAgo, Enumerable.Repeat(daily, SpendForecast.HistoryDays).ToArray());

    [Fact]
    public void For_GivesEachAgentsPace_WhatItAddsByThePeriodsEnd_AndItsShare_HighestPaceFirst()
    {
        var forecasts = AgentForecasts.For([Agent("small", 1 * Dollar), Agent("big", 3 * Dollar)], Now, PeriodEnd);

        Assert.Equal(28 * Dollar, forecasts.WorkspaceWeekMicros);
        Assert.Equal(PeriodEnd, forecasts.PeriodEnd);
        Assert.Equal(
            [new AgentForecast("big", true, 21 * Dollar, 3 * Dollar, 93 * Dollar, 75), new AgentForecast("small", true, 7 * Dollar, 1 * Dollar, 31 * Dollar, 25)],
            forecasts.Agents);
        Assert.Equal(0, forecasts.OtherAgents);
    }

    [Fact]
    public void For_ShowsThePaceRoundedUp_AndProjectsRoundedDown()
    {
        long[] days = [0, 0, 0, 0, 0, 0, 10]; // 10 micro-dollars a week
        var forecast = Assert.Single(AgentForecasts.For([new AgentSpend("a", LongAgo, days)], Now, Now.AddDays(1)).Agents);

        Assert.Equal(2, forecast.DailyPaceMicros); // 10 / 7 = 1.43, up
        Assert.Equal(1, forecast.ProjectedMicros); // one day of it, down
        Assert.Equal(100, forecast.SharePercent);
    }

    [Fact]
    public void For_AnAgentNewThisWeek_HasNotEnoughHistory_ButItsWeekCountsInTheShares()
    {
        // First usage 23 Feb: 6 days before 1 Mar, one short of the week (22–28 Feb).
        var forecasts = AgentForecasts.For([Agent("old", 3 * Dollar, new DateOnly(2026, 2, 22)), Agent("new", 1 * Dollar, new DateOnly(2026, 2, 23))], Now, PeriodEnd);

        var @new = forecasts.Agents.Single(a => a.Agent == "new");
        Assert.Equal(new AgentForecast("new", false, 7 * Dollar, 0, null, 25), @new);
        Assert.True(forecasts.Agents.Single(a => a.Agent == "old").EnoughHistory);
        Assert.Equal(28 * Dollar, forecasts.WorkspaceWeekMicros);
    }

    [Fact]
    public void For_LeavesOutAgentsWithoutSpend_AndSumsThoseBeyondTheTen()
    {
        var agents = Enumerable.Range(1, 12).Select(i => Agent($"agent-{i:D2}", i * Dollar)).Append(Agent("idle", 0)).ToList();

        var forecasts = AgentForecasts.For(agents, Now, PeriodEnd);

        Assert.Equal(AgentForecasts.Shown, forecasts.Agents.Count);
        Assert.Equal("agent-12", forecasts.Agents[0].Agent);
        Assert.Equal("agent-03", forecasts.Agents[^1].Agent);
        Assert.Equal(2, forecasts.OtherAgents);
        Assert.Equal(3 * 7 * Dollar, forecasts.OtherWeekMicros); // agent-01 and agent-02
        Assert.DoesNotContain(forecasts.Agents, a => a.Agent == "idle");
    }

    [Fact]
    public void For_EqualPaces_AreInNameOrder()
    {
        var forecasts = AgentForecasts.For([Agent("b", Dollar), Agent("a", Dollar), Agent("C", Dollar)], Now, PeriodEnd);

        Assert.Equal(["C", "a", "b"], forecasts.Agents.Select(a => a.Agent));
    }

    [Fact]
    public void For_WithoutAPeriod_ProjectsNothing_AndAfterItsEnd_Zero()
    {
        Assert.Null(Assert.Single(AgentForecasts.For([Agent("a", Dollar)], Now, null).Agents).ProjectedMicros);
        Assert.Equal(0, Assert.Single(AgentForecasts.For([Agent("a", Dollar)], Now, Now.AddHours(-1)).Agents).ProjectedMicros);
    }

    [Fact]
    public void For_ATinyShare_IsUnderOnePercent_NotZero()
    {
        var forecasts = AgentForecasts.For([Agent("big", 1_000 * Dollar), Agent("tiny", 1)], Now, PeriodEnd);

        var tiny = forecasts.Agents.Single(a => a.Agent == "tiny");
        Assert.Equal(0, tiny.SharePercent);
        Assert.True(tiny.ShareUnderOnePercent);
        Assert.Equal("under 1%", ForecastText.AgentShare(tiny, Us));
    }

    [Fact]
    public void For_RefusesAWeekOfAnotherLength_OrANegativeDay()
    {
        Assert.Throws<ArgumentException>(() => AgentForecasts.For([new AgentSpend("a", LongAgo, new long[6])], Now, PeriodEnd));
        Assert.Throws<ArgumentOutOfRangeException>(() => AgentForecasts.For([new AgentSpend("a", LongAgo, [0, 0, 0, -1, 0, 0, 0])], Now, PeriodEnd));
    }

    [Fact]
    public void Text_SaysThePace_TheProjection_AndTheShare()
    {
        var forecasts = AgentForecasts.For([Agent("small", 1 * Dollar), Agent("big", 3 * Dollar)], Now, PeriodEnd);
        var big = forecasts.Agents[0];

        Assert.Equal("$3.00 a day", ForecastText.AgentPace(big, Us));
        Assert.Equal("$93.00", ForecastText.AgentProjection(big, Us));
        Assert.Equal("75%", ForecastText.AgentShare(big, Us));
        Assert.Equal("$3.00 a day; about $93.00 more by the period's end on 1 Apr 2026; 75% of the workspace's pace.",
            ForecastText.AgentSentence(big, PeriodEnd, Us));
    }

    [Fact]
    public void Text_WithoutHistory_SaysSo()
    {
        var agent = new AgentForecast("new", false, 7 * Dollar, 0, null, 25);

        Assert.Equal("Not enough history yet", ForecastText.AgentPace(agent, Us));
        Assert.Equal("", ForecastText.AgentProjection(agent, Us));
        Assert.Equal("Not enough history yet (its first usage is under 7 days back); 25% of the workspace's pace.", ForecastText.AgentSentence(agent, PeriodEnd, Us));
    }
}
