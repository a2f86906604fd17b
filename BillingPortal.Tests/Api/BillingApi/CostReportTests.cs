using System.Globalization;
using System.Net;
using System.Text.Json;
using BillingPortal.Domain;
using BillingPortal.Domain.Tokens;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.BillingApi.Costs;
using BillingPortal.Features.Usage;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;

namespace BillingPortal.Tests.Api.BillingApi;

/// <summary>
/// The cost report over real HTTP on the demo's 90 days of usage: it agrees with the Usage page's summary, the usage
/// export and the ledger to the micro-dollar, pages through every bucket once and in order, and names bad inputs.
/// </summary>
public class CostReportTests(BillingAppFactoryFixture fixture) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory App => fixture.Factory;

    private async Task<HttpClient> AcmeClientAsync() => Client(App, await CreateAsync(App, "finance@acme.test", await AcmeAsync(App), TokenScope.BillingRead));

    /// <summary>The demo's first and last days of usage.</summary>
    private async Task<(DateOnly First, DateOnly Last)> UsageDaysAsync()
    {
        var acme = await AcmeAsync(App);
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var days = db.UsageDailyRollups.Where(r => r.WorkspaceId == acme).Select(r => r.Day);
        return (DateOnly.FromDateTime(await days.MinAsync(Ct)), DateOnly.FromDateTime(await days.MaxAsync(Ct)));
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Every bucket of the report, following nextPage to the end.</summary>
    private static async Task<List<JsonElement>> AllBucketsAsync(HttpClient client, string query)
    {
        var buckets = new List<JsonElement>();
        string? page = null;
        do
        {
            var answer = await JsonAsync(await client.GetAsync($"/api/v1/billing/costs?{query}{(page is null ? "" : "&page=" + Uri.EscapeDataString(page))}", Ct));
            buckets.AddRange(answer.GetProperty("data").EnumerateArray());
            page = answer.GetProperty("nextPage").GetString();
            Assert.Equal(page is not null, answer.GetProperty("hasMore").GetBoolean());
        }
        while (page is not null);
        return buckets;
    }

    private static IEnumerable<JsonElement> Results(IEnumerable<JsonElement> buckets) => buckets.SelectMany(b => b.GetProperty("results").EnumerateArray());

    private static Dictionary<string, long> SumBy(IEnumerable<JsonElement> results, Func<JsonElement, string> key) =>
        results.GroupBy(key).ToDictionary(g => g.Key, g => g.Sum(r => r.GetProperty("amountMicros").GetInt64()));

    [Fact]
    public async Task TheWholeHistory_AgreesWithTheUsagePage_TheExport_AndTheLedger_ToTheMicroDollar()
    {
        var acme = await AcmeAsync(App);
        var (first, last) = await UsageDaysAsync();
        var client = await AcmeClientAsync();
        var range = $"start={Iso(first)}&end={Iso(last.AddDays(1))}";

        var daily = await AllBucketsAsync(client, range + "&limit=30");
        var byAgent = SumBy(Results(await AllBucketsAsync(client, range + "&groupBy=agent&limit=366")), r => r.GetProperty("agent").GetString()!);
        var byModel = SumBy(Results(await AllBucketsAsync(client, range + "&groupBy=model&limit=366")), r => r.GetProperty("model").GetString()!);
        var byKey = SumBy(Results(await AllBucketsAsync(client, range + "&groupBy=apiKey&limit=366")), r => r.GetProperty("apiKeyName").GetString()!);

        await using var scope = App.Services.CreateAsyncScope();
        var usage = scope.ServiceProvider.GetRequiredService<UsageQueryService>();
        var filter = new UsageFilter(first, last);
        var summary = await usage.GetSummaryAsync(acme, filter, Ct);
        var export = await usage.GetExportRowsAsync(acme, filter, Ct);
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var ledger = -await db.LedgerEntries.Where(e => e.WorkspaceId == acme && e.Type == LedgerEntryType.Usage)
            .SumAsync(e => e.CreditDeltaMicros + e.AllowanceDeltaMicros, Ct);

        var total = Results(daily).Sum(r => r.GetProperty("amountMicros").GetInt64());
        Assert.True(total > 0);
        Assert.Equal(summary.TotalMicros, total);
        Assert.Equal(export.Sum(r => r.CostMicros), total);
        Assert.Equal(ledger, total);
        // Day by day, as the page's chart draws it.
        Assert.Equal(summary.Days.Select((_, i) => summary.DailyByLineItem.Values.Sum(v => v[i])),
            daily.Select(b => Results([b]).Sum(r => r.GetProperty("amountMicros").GetInt64())));
        Assert.Equal(summary.ByAgent.ToDictionary(s => s.Name, s => s.CostMicros), byAgent);
        Assert.Equal(summary.ByKey.ToDictionary(s => s.Name, s => s.CostMicros), byModel);
        Assert.Equal(summary.ByApiKey.ToDictionary(s => s.Name, s => s.CostMicros), byKey);
    }

    [Fact]
    public async Task EveryGroupAtOnce_SplitsEachDayExactlyAsTheExportsRows()
    {
        var acme = await AcmeAsync(App);
        var (_, last) = await UsageDaysAsync();
        var first = last.AddDays(-6);
        var client = await AcmeClientAsync();

        var buckets = await AllBucketsAsync(client, $"start={Iso(first)}&end={Iso(last.AddDays(1))}&groupBy=agent,model,lineItem,apiKey");

        await using var scope = App.Services.CreateAsyncScope();
        var export = await scope.ServiceProvider.GetRequiredService<UsageQueryService>().GetExportRowsAsync(acme, new UsageFilter(first, last), Ct);
        var expected = export.GroupBy(r => $"{Iso(r.Day)}|{r.Agent}|{r.Key}|{CostReportService.LineItemName(r.LineItem)}|{r.ApiKey}")
            .ToDictionary(g => g.Key, g => (g.Sum(r => r.CostMicros), g.Sum(r => r.Quantity)));
        var actual = buckets.SelectMany(b => b.GetProperty("results").EnumerateArray().Select(r => (
            Key: $"{b.GetProperty("start").GetString()![..10]}|{r.GetProperty("agent").GetString()}|{r.GetProperty("model").GetString()}|{r.GetProperty("lineItem").GetString()}|{r.GetProperty("apiKeyName").GetString()}",
            Value: (r.GetProperty("amountMicros").GetInt64(), r.GetProperty("quantity").GetInt64()))))
            .ToDictionary(x => x.Key, x => x.Value);
        Assert.Equal(expected, actual);
        // Within a bucket the largest spend comes first.
        Assert.All(buckets, b =>
        {
            var amounts = b.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("amountMicros").GetInt64()).ToList();
            Assert.Equal(amounts.OrderDescending(), amounts);
        });
    }

    [Fact]
    public async Task HourlyBuckets_AndGroupsByUser_AddUpToTheSameDays()
    {
        var (_, last) = await UsageDaysAsync();
        var first = last.AddDays(-2);
        var client = await AcmeClientAsync();
        var range = $"start={Iso(first)}&end={Iso(last.AddDays(1))}";

        var days = await AllBucketsAsync(client, range);
        var hours = await AllBucketsAsync(client, range + "&bucket=1h&groupBy=lineItem");
        var users = await AllBucketsAsync(client, range + "&groupBy=user");

        Assert.Equal(72, hours.Count);
        Assert.Equal(hours.Select(h => h.GetProperty("start").GetDateTime()), Enumerable.Range(0, 72).Select(i => first.ToDateTime(TimeOnly.MinValue).AddHours(i)));
        var perDay = days.ToDictionary(b => b.GetProperty("start").GetString()![..10], b => Results([b]).Sum(r => r.GetProperty("amountMicros").GetInt64()));
        Assert.Equal(perDay, hours.GroupBy(h => h.GetProperty("start").GetString()![..10]).ToDictionary(g => g.Key, g => Results(g).Sum(r => r.GetProperty("amountMicros").GetInt64())));
        Assert.Equal(perDay, users.ToDictionary(b => b.GetProperty("start").GetString()![..10], b => Results([b]).Sum(r => r.GetProperty("amountMicros").GetInt64())));
        Assert.True(perDay.Values.Sum() > 0);
        // Only the keys asked for are written.
        Assert.All(Results(hours), r => Assert.Equal(["amountMicros", "lineItem", "quantity"], r.EnumerateObject().Select(p => p.Name).Order()));
    }

    [Fact]
    public async Task Paging_GivesEveryBucketOnce_InOrder_WithEmptyDaysListed()
    {
        var (first, last) = await UsageDaysAsync();
        var client = await AcmeClientAsync();
        // Ten days before the usage began, then ten days of it: the empty ones are still listed.
        var start = first.AddDays(-10);

        var buckets = await AllBucketsAsync(client, $"start={Iso(start)}&end={Iso(first.AddDays(10))}&limit=3");

        Assert.Equal(Enumerable.Range(0, 20).Select(i => Iso(start.AddDays(i)) + "T00:00:00Z"), buckets.Select(b => b.GetProperty("start").GetString()));
        Assert.Equal(buckets.Skip(1).Select(b => b.GetProperty("start").GetString()), buckets.SkipLast(1).Select(b => b.GetProperty("end").GetString()));
        Assert.All(buckets.Take(10), b => Assert.Empty(b.GetProperty("results").EnumerateArray()));
        Assert.All(buckets.Skip(10), b => Assert.NotEmpty(b.GetProperty("results").EnumerateArray()));
        Assert.True(last > first);
    }

    [Theory]
    [InlineData("end=2026-03-08", "start")]
    [InlineData("start=2026-03-01&end=2026-03-08&groupBy=project", "groupBy")]
    [InlineData("start=2026-03-01&end=2026-03-09&bucket=1h", "end")]
    [InlineData("start=2026-03-01&end=2026-03-08&bucket=1m", "bucket")]
    [InlineData("start=2026-03-01&end=2026-03-08&limit=1000", "limit")]
    [InlineData("start=2026-03-01&end=2026-03-08&page=abc", "page")]
    public async Task BadInputs_AreProblemsNamingTheField(string query, string field)
    {
        var client = await AcmeClientAsync();

        var problem = await ProblemAsync(await client.GetAsync($"/api/v1/billing/costs?{query}", Ct), 400);

        Assert.Equal([field], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task AnotherWorkspacesToken_SeesOnlyItsOwnSpend_AndNoTokenIsRefused()
    {
        var (_, personal) = await DemoWorkspaces.AcmeAndOwnersPersonalAsync(App.DbFactory, Ct);
        var (first, last) = await UsageDaysAsync();
        var range = $"start={Iso(first)}&end={Iso(last.AddDays(1))}&limit=366";
        var other = Client(App, await CreateAsync(App, "owner@acme.test", personal, TokenScope.BillingRead));

        var answer = await JsonAsync(await other.GetAsync($"/api/v1/billing/costs?{range}", Ct));
        var acme = await JsonAsync(await (await AcmeClientAsync()).GetAsync($"/api/v1/billing/costs?{range}", Ct));

        Assert.Equal(0, answer.GetProperty("totalMicros").GetInt64());
        Assert.True(acme.GetProperty("totalMicros").GetInt64() > 0);
        var anonymous = App.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/billing/costs?{range}", Ct)).StatusCode);
    }
}

public sealed class CostReportTestsOnPostgres(BillingAppFactoryFixture fixture) : CostReportTests(fixture), IRunsOnPostgres;
