using System.Globalization;
using BillingPortal.Domain.Tokens;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;
using static BillingPortal.Tests.Mcp.McpTesting;

namespace BillingPortal.Tests.Mcp;

/// <summary>
/// <c>get_usage_summary</c> is the cost report: the same answer as <c>GET /api/v1/billing/costs</c> for the same query, over
/// the days the demo's usage actually covers (read from the data, never from today's date).
/// </summary>
public sealed class McpUsageSummaryTests(BillingAppFactoryFixture fixture) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory App => fixture.Factory;

    /// <summary>The first and the day after the last day of <paramref name="workspace"/>'s usage, and what it cost in all.</summary>
    private async Task<(string Start, string End, long TotalMicros)> UsageDaysAsync(Guid workspace)
    {
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var rollups = db.UsageDailyRollups.Where(r => r.WorkspaceId == workspace);
        var first = await rollups.MinAsync(r => r.Day, Ct);
        var last = await rollups.MaxAsync(r => r.Day, Ct);
        return (Day(first), Day(last.AddDays(1)), await rollups.SumAsync(r => r.CostMicros, Ct));
    }

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task DailyByAgentAndModel_IsTheCostApisAnswer_AndAddsUpToTheRollups()
    {
        var acme = await AcmeAsync(App);
        var (start, end, total) = await UsageDaysAsync(acme);
        var secret = await CreateAsync(App, "finance@acme.test", acme, TokenScope.BillingRead);
        var mcp = await ConnectAsync(App, secret);

        var fromApi = await JsonAsync(await Client(App, secret).GetAsync($"/api/v1/billing/costs?start={start}&end={end}&groupBy=agent,model&limit=366", Ct));
        var fromMcp = await AnswerAsync(mcp, "get_usage_summary", $$"""{"start": "{{start}}", "end": "{{end}}", "groupBy": "agent,model", "limit": 366}""");

        Assert.True(Same(fromApi, fromMcp), $"{fromApi}\n{fromMcp}");
        Assert.False(fromMcp.GetProperty("hasMore").GetBoolean());
        Assert.True(total > 0, "the demo has usage");
        Assert.Equal(total, fromMcp.GetProperty("totalMicros").GetInt64());
        Assert.Contains(fromMcp.GetProperty("data").EnumerateArray().SelectMany(b => b.GetProperty("results").EnumerateArray()),
            r => r.TryGetProperty("agent", out _) && r.TryGetProperty("model", out _));
    }

    [Fact]
    public async Task HourlyByLineItem_AndASecondPage_AreTheCostApisAnswers()
    {
        var acme = await AcmeAsync(App);
        var (_, end, _) = await UsageDaysAsync(acme);
        var lastDay = DateOnly.ParseExact(end, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var secret = await CreateAsync(App, "finance@acme.test", acme, TokenScope.BillingRead);
        var mcp = await ConnectAsync(App, secret);
        var api = Client(App, secret);

        var apiFirst = await JsonAsync(await api.GetAsync($"/api/v1/billing/costs?start={lastDay}&end={end}&bucket=1h&groupBy=lineItem&limit=10", Ct));
        var mcpFirst = await AnswerAsync(mcp, "get_usage_summary", $$"""{"start": "{{lastDay}}", "end": "{{end}}", "bucket": "1h", "groupBy": "lineItem", "limit": 10}""");
        var next = mcpFirst.GetProperty("nextPage").GetString()!;
        var apiSecond = await JsonAsync(await api.GetAsync($"/api/v1/billing/costs?start={lastDay}&end={end}&bucket=1h&groupBy=lineItem&limit=10&page={Uri.EscapeDataString(next)}", Ct));
        var mcpSecond = await AnswerAsync(mcp, "get_usage_summary",
            $$"""{"start": "{{lastDay}}", "end": "{{end}}", "bucket": "1h", "groupBy": "lineItem", "limit": 10, "page": "{{next}}"}""");

        Assert.Equal(10, mcpFirst.GetProperty("data").GetArrayLength());
        Assert.True(Same(apiFirst, mcpFirst), $"{apiFirst}\n{mcpFirst}");
        Assert.True(Same(apiSecond, mcpSecond), $"{apiSecond}\n{mcpSecond}");
        Assert.Equal(mcpFirst.GetProperty("data")[9].GetProperty("end").GetDateTime(), mcpSecond.GetProperty("data")[0].GetProperty("start").GetDateTime());
    }

    [Fact]
    public async Task AnotherWorkspacesToken_CountsOnlyItsOwnUsage()
    {
        var (acme, personal) = await DemoWorkspaces.AcmeAndOwnersPersonalAsync(App.DbFactory, Ct);
        var (start, end, acmeTotal) = await UsageDaysAsync(acme);
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var from = DateTime.SpecifyKind(DateTime.ParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        var to = DateTime.SpecifyKind(DateTime.ParseExact(end, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        var personalTotal = await db.UsageDailyRollups.Where(r => r.WorkspaceId == personal && r.Day >= from && r.Day < to).SumAsync(r => r.CostMicros, Ct);
        var mcp = await ConnectAsync(App, await CreateAsync(App, "owner@acme.test", personal, TokenScope.BillingRead));

        var report = await AnswerAsync(mcp, "get_usage_summary", $$"""{"start": "{{start}}", "end": "{{end}}", "groupBy": "agent", "limit": 366}""");

        Assert.Equal(personalTotal, report.GetProperty("totalMicros").GetInt64());
        Assert.NotEqual(acmeTotal, personalTotal);
    }
}
