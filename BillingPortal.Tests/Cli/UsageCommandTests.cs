using System.Globalization;
using System.Text.Json;
using BillingPortal.Domain.Tokens;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;
using CliMoney = BillingPortal.Cli.Output.Money;

namespace BillingPortal.Tests.Cli;

/// <summary>usage: the cost report API's daily buckets added up by day, agent or model, from --since through the clock's today.</summary>
[Collection(CliCollection.Name)]
public sealed class UsageCommandTests(CliFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateOnly Today => DateOnly.FromDateTime(fixture.App.Clock.GetUtcNow().UtcDateTime);

    private async Task<(CliRunner Cli, HttpClient Api)> AcmeUsageAsync()
    {
        var secret = await CreateAsync(fixture.App, "finance@acme.test", await AcmeAsync(fixture.App), TokenScope.BillingRead, name: "cli usage");
        return (new CliRunner(fixture).As(secret), fixture.ApiClient(secret));
    }

    /// <summary>The API's results for the range, every page, summed per <paramref name="key"/> of each result.</summary>
    private static async Task<Dictionary<string, long>> ApiSumsAsync(HttpClient api, string start, string end, string groupBy, Func<JsonElement, JsonElement, string> key)
    {
        var sums = new Dictionary<string, long>();
        string? page = null;
        do
        {
            var answer = await JsonAsync(await api.GetAsync(
                $"/api/v1/billing/costs?start={start}&end={end}&limit=5{(groupBy.Length > 0 ? "&groupBy=" + groupBy : "")}{(page is null ? "" : "&page=" + page)}", Ct));
            foreach (var bucket in answer.GetProperty("data").EnumerateArray())
                foreach (var result in bucket.GetProperty("results").EnumerateArray())
                    sums[key(bucket, result)] = sums.GetValueOrDefault(key(bucket, result)) + result.GetProperty("amountMicros").GetInt64();
            page = answer.GetProperty("hasMore").GetBoolean() ? answer.GetProperty("nextPage").GetString() : null;
        }
        while (page is not null);
        return sums;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task ByAgent_IsTheCostReportsSumPerAgent_LargestFirst()
    {
        var (cli, api) = await AcmeUsageAsync();
        var start = Today.AddDays(-30);

        var run = await cli.RunAsync("usage", "--by", "agent", "--json");
        var table = await cli.RunAsync("usage", "--by", "agent");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal((Day(start), Day(Today.AddDays(1)), "agent"),
            (run.Json.GetProperty("start").GetString(), run.Json.GetProperty("end").GetString(), run.Json.GetProperty("by").GetString()));
        var expected = await ApiSumsAsync(api, Day(start), Day(Today.AddDays(1)), "agent", (_, r) => r.GetProperty("agent").GetString()!);
        var rows = run.Json.GetProperty("data").EnumerateArray().Select(r => (r.GetProperty("agent").GetString()!, r.GetProperty("amountMicros").GetInt64())).ToList();
        Assert.NotEmpty(rows);
        Assert.Equal(expected.OrderBy(e => e.Key), rows.OrderBy(r => r.Item1).Select(r => KeyValuePair.Create(r.Item1, r.Item2)));
        Assert.Equal(rows.OrderByDescending(r => r.Item2).Select(r => r.Item2), rows.Select(r => r.Item2));
        Assert.Equal(expected.Values.Sum(), run.Json.GetProperty("totalMicros").GetInt64());
        Assert.Matches($@"Total\s+{System.Text.RegularExpressions.Regex.Escape(CliMoney.Format(expected.Values.Sum()))}", table.Out);
        foreach (var agent in expected.Keys)
            Assert.Contains(agent, table.Out);
    }

    [Fact]
    public async Task ByDay_ListsEveryDayOfTheRange_WithTheCostReportsAmount_AndAllGroupingsAgreeOnTheTotal()
    {
        var (cli, api) = await AcmeUsageAsync();
        var start = Today.AddDays(-7);

        var byDay = await cli.RunAsync("usage", "--since", "7d", "--json");
        var byAgent = await cli.RunAsync("usage", "--since", Day(start), "--by", "agent", "--json");
        var byModel = await cli.RunAsync("usage", "--since", Day(start), "--by", "model", "--json");

        Assert.True(byDay.ExitCode == 0, byDay.ToString());
        var expected = await ApiSumsAsync(api, Day(start), Day(Today.AddDays(1)), "", (b, _) => b.GetProperty("start").GetString()![..10]);
        var days = byDay.Json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => Day(start.AddDays(i))), days.Select(d => d.GetProperty("day").GetString()));
        Assert.All(days, d => Assert.Equal(expected.GetValueOrDefault(d.GetProperty("day").GetString()!), d.GetProperty("amountMicros").GetInt64()));
        var total = byDay.Json.GetProperty("totalMicros").GetInt64();
        Assert.True(total > 0, "the demo has usage in the last week of the test clock");
        Assert.Equal(total, byAgent.Json.GetProperty("totalMicros").GetInt64());
        Assert.Equal(total, byModel.Json.GetProperty("totalMicros").GetInt64());
        Assert.All(byModel.Json.GetProperty("data").EnumerateArray(), r => Assert.Contains(r.GetProperty("lineItem").GetString(), new[] { "llm", "tool", "storage" }));
    }

    [Fact]
    public async Task ByModel_IsTheCostReportsSumPerModelAndLineItem()
    {
        var (cli, api) = await AcmeUsageAsync();
        var start = Today.AddDays(-14);

        var run = await cli.RunAsync("usage", "--since", "14d", "--by", "model", "--json");

        var expected = await ApiSumsAsync(api, Day(start), Day(Today.AddDays(1)), "model,lineItem",
            (_, r) => $"{(r.TryGetProperty("model", out var m) ? m.GetString() : null)}/{r.GetProperty("lineItem").GetString()}");
        var rows = run.Json.GetProperty("data").EnumerateArray().ToDictionary(
            r => $"{(r.TryGetProperty("model", out var m) ? m.GetString() : null)}/{r.GetProperty("lineItem").GetString()}", r => r.GetProperty("amountMicros").GetInt64());
        Assert.NotEmpty(rows);
        Assert.Equal(expected.OrderBy(e => e.Key), rows.OrderBy(r => r.Key));
    }

    [Fact]
    public async Task ARangeWithNoUsage_ListsItsDaysAtZero()
    {
        var (cli, _) = await AcmeUsageAsync();

        var future = await cli.RunAsync("usage", "--since", Day(Today), "--json");
        var agents = await cli.RunAsync("usage", "--since", "2020-01-01", "--by", "agent");

        Assert.True(future.ExitCode == 0, future.ToString());
        Assert.Equal(Day(Today), Assert.Single(future.Json.GetProperty("data").EnumerateArray()).GetProperty("day").GetString());
        Assert.Equal(0, agents.ExitCode);
    }

    [Fact]
    public async Task SinceAfterToday_IsBadUsage()
    {
        var (cli, _) = await AcmeUsageAsync();

        var run = await cli.RunAsync("usage", "--since", Day(Today.AddDays(1)));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("after today", run.Error);
        Assert.Empty(run.Requests);
    }
}
