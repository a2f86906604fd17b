using System.Net;
using System.Text.Json;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Usage;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Usage;

/// <summary>The export endpoint over real HTTP, on the demo workspace with built usage added.</summary>
public sealed class UsageExportApiTests : IAsyncLifetime
{
    private readonly BillingAppFactory app = new();
    private Guid acme;
    private DateOnly today;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _ = app.Server;
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        today = UsageRange.Today(app.Clock);
        await new UsageDataBuilder(app.DbFactory, acme).WriteAsync(today, days: 20, Ct);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private string ExportUrl(string query) => $"/api/workspaces/{acme}/billing/usage/export?{query}";

    private async Task<long> RawTotalAsync(DateOnly from, DateOnly to, string? agent = null)
    {
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        var (start, end) = (from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        var items = db.UsageLineItems.Where(i => i.WorkspaceId == acme && i.Timestamp >= start && i.Timestamp < end && (agent == null || i.Agent == agent));
        return (await items.Select(i => i.CostMicros).ToListAsync(Ct)).Sum();
    }

    [Fact]
    public async Task ExportCsv_AsFinance_ListsRollupsWhoseMicrosSumToTheRawLineItems()
    {
        var client = await app.LoginAsync("finance@acme.test");
        var from = today.AddDays(-6);

        var response = await client.GetAsync(ExportUrl($"format=csv&from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}&agent=support-bot"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("Day,Agent,LineItem,Metric,Key,ApiKey,Quantity,LineItems,CostMicros,CostUsd", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("support-bot", r[1]));
        Assert.All(rows, r => Assert.Equal(decimal.Parse(r[9], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture) * 1_000_000, long.Parse(r[8])));
        Assert.Equal(await RawTotalAsync(from, today, "support-bot"), rows.Sum(r => long.Parse(r[8])));
    }

    [Fact]
    public async Task ExportJson_AsFinance_CarriesTheFilterTotalAndRowsInMicros()
    {
        var client = await app.LoginAsync("finance@acme.test");
        var from = today.AddDays(-13);

        var response = await client.GetAsync(ExportUrl($"format=json&from={from:yyyy-MM-dd}&to={today:yyyy-MM-dd}"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = json.RootElement;
        var rawTotal = await RawTotalAsync(from, today);
        Assert.True(rawTotal > 0);
        Assert.Equal(rawTotal, root.GetProperty("totalMicros").GetInt64());
        Assert.Equal(rawTotal, root.GetProperty("rows").EnumerateArray().Sum(r => r.GetProperty("costMicros").GetInt64()));
        Assert.Equal($"{from:yyyy-MM-dd}", root.GetProperty("from").GetString());
        Assert.Contains(root.GetProperty("rows").EnumerateArray(), r => r.GetProperty("lineItem").GetString() == "llm" && r.GetProperty("metric").GetString() == "outputTokens");
    }

    [Theory]
    [InlineData("member@acme.test")]
    [InlineData("viewer@acme.test")]
    public async Task Export_WithoutBillingRead_IsForbidden(string email)
    {
        var client = await app.LoginAsync(email);

        var response = await client.GetAsync(ExportUrl("format=csv"), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Export_OfAnotherWorkspace_IsForbidden()
    {
        var client = await app.LoginAsync("finance@acme.test");

        var response = await client.GetAsync($"/api/workspaces/{Guid.NewGuid()}/billing/usage/export?format=json", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("format=xml", "format", "format must be csv or json; it was 'xml'.")]
    [InlineData("from=2026-13-01", "from", "from must be a date written yyyy-MM-dd; it was '2026-13-01'.")]
    [InlineData("apiKey=abc", "apiKey", "apiKey must be an API key id; it was 'abc'.")]
    public async Task Export_WithBadInput_Returns400NamingTheField(string query, string field, string message)
    {
        var client = await app.LoginAsync("finance@acme.test");

        var response = await client.GetAsync(ExportUrl(query), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(message, json.RootElement.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task UsagePage_AsFinance_Renders200AndAsMember403()
    {
        var finance = await app.LoginAsync("finance@acme.test");
        var member = await app.LoginAsync("member@acme.test");

        var ok = await finance.GetAsync("/billing/usage", Ct);
        var denied = await member.GetAsync("/billing/usage", Ct);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("Spend by day", await ok.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}
