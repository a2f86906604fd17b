using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingPortal.Domain;
using BillingPortal.Features.Demo;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Api;

public sealed class OverviewApiTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetOverview_AsOwner_ReturnsTheWalletAndLedgerSumsInMicros()
    {
        var acme = await AcmeIdAsync();
        var client = await app.Factory.LoginAsync("owner@acme.test");

        var json = await GetJsonAsync(client, $"/api/workspaces/{acme}/billing/overview");

        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var wallet = await db.Wallets.SingleAsync(w => w.WorkspaceId == acme, Ct);
        var entries = await db.LedgerEntries.Where(e => e.WorkspaceId == acme).ToListAsync(Ct);
        Assert.Equal(wallet.CreditBalanceMicros, json.GetProperty("creditBalanceMicros").GetInt64());
        Assert.Equal(wallet.AllowanceRemainingMicros, json.GetProperty("allowanceRemainingMicros").GetInt64());
        Assert.Equal("Acme AI", json.GetProperty("workspaceName").GetString());
        Assert.Equal("Trial", json.GetProperty("subscription").GetProperty("status").GetString());
        Assert.Equal(9, json.GetProperty("subscription").GetProperty("trialDaysLeft").GetInt32());
        Assert.Equal(49_000_000, json.GetProperty("plan").GetProperty("monthlyPriceMicros").GetInt64());

        var lifetime = json.GetProperty("lifetime");
        Assert.Equal(Money.FromDollars(650).Micros, lifetime.GetProperty("addedMicros").GetInt64()); // 250 + 150 + 100 + 150, gross: the refund is reversedMicros
        Assert.Equal(Money.FromDollars(25).Micros, lifetime.GetProperty("reversedMicros").GetInt64());
        Assert.Equal(-entries.Where(e => e.Type == LedgerEntryType.Usage).Sum(e => e.TotalDeltaMicros), lifetime.GetProperty("spentMicros").GetInt64());

        var recent = json.GetProperty("recentEntries").EnumerateArray().ToList();
        Assert.Equal(entries.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(5).Select(e => e.Id), recent.Select(e => e.GetProperty("id").GetInt64()));
        Assert.Equal(wallet.CreditBalanceMicros, recent[0].GetProperty("balanceAfterMicros").GetInt64());
    }

    [Fact]
    public async Task GetOverview_AsFinanceWithBillingRead_Succeeds()
    {
        var client = await app.Factory.LoginAsync("finance@acme.test");

        var json = await GetJsonAsync(client, $"/api/workspaces/{await AcmeIdAsync()}/billing/overview");

        Assert.Equal("Team", json.GetProperty("workspaceKind").GetString());
    }

    [Theory]
    [InlineData("member@acme.test")]
    [InlineData("viewer@acme.test")]
    public async Task GetOverview_AsMemberWithoutBillingRead_Returns403Problem(string email)
    {
        var client = await app.Factory.LoginAsync(email);

        var response = await client.GetAsync($"/api/workspaces/{await AcmeIdAsync()}/billing/overview", Ct);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task GetOverview_ForeignUnknownOrMalformedWorkspace_AllAnswerTheSame403()
    {
        var client = await app.Factory.LoginAsync("owner@acme.test");
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var memberId = await db.Users.Where(u => u.Email == "member@acme.test").Select(u => u.Id).SingleAsync(Ct);
        var foreign = await db.WorkspaceMembers.Where(m => m.UserId == memberId)
            .Join(db.Workspaces.Where(w => w.Kind == WorkspaceKind.Personal), m => m.WorkspaceId, w => w.Id, (m, w) => w.Id).SingleAsync(Ct);

        var problems = new List<string>();
        foreach (var id in new[] { foreign.ToString(), Guid.NewGuid().ToString(), "not-a-workspace" })
        {
            var response = await client.GetAsync($"/api/workspaces/{id}/billing/overview", Ct);
            problems.Add(WithoutTraceId(await AssertProblemAsync(response, HttpStatusCode.Forbidden)));
            var ledger = await client.GetAsync($"/api/workspaces/{id}/billing/ledger", Ct);
            await AssertProblemAsync(ledger, HttpStatusCode.Forbidden);
        }
        Assert.Single(problems.Distinct()); // an existing foreign workspace is indistinguishable from none
    }

    private static string WithoutTraceId(string problem)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(problem)!;
        Assert.True(fields.Remove("traceId"));
        return string.Join("|", fields.OrderBy(f => f.Key).Select(f => $"{f.Key}={f.Value}"));
    }

    [Fact]
    public async Task GetOverview_WhenSignedOut_Returns401Problem()
    {
        var client = app.Factory.CreateBrowserlikeClient();

        var response = await client.GetAsync($"/api/workspaces/{await AcmeIdAsync()}/billing/overview", Ct);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetLedger_WithoutLimit_ReturnsTwentyNewestFirst()
    {
        var acme = await AcmeIdAsync();
        var client = await app.Factory.LoginAsync("admin@acme.test");

        var json = await GetJsonAsync(client, $"/api/workspaces/{acme}/billing/ledger");

        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var newest = await db.LedgerEntries.Where(e => e.WorkspaceId == acme).OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(20).Select(e => e.Id).ToListAsync(Ct);
        var entries = json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(20, json.GetProperty("limit").GetInt32());
        Assert.Equal(newest, entries.Select(e => e.GetProperty("id").GetInt64()));
        Assert.All(entries, e => Assert.False(string.IsNullOrEmpty(e.GetProperty("type").GetString())));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(100)]
    public async Task GetLedger_WithLimitInRange_ReturnsThatManyOrAll(int limit)
    {
        var acme = await AcmeIdAsync();
        var client = await app.Factory.LoginAsync("owner@acme.test");

        var json = await GetJsonAsync(client, $"/api/workspaces/{acme}/billing/ledger?limit={limit}");

        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var total = await db.LedgerEntries.CountAsync(e => e.WorkspaceId == acme, Ct);
        Assert.Equal(Math.Min(limit, total), json.GetProperty("entries").GetArrayLength());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-5")]
    [InlineData("abc")]
    public async Task GetLedger_WithLimitOutOfRange_ReturnsValidationProblem(string limit)
    {
        var client = await app.Factory.LoginAsync("owner@acme.test");

        var response = await client.GetAsync($"/api/workspaces/{await AcmeIdAsync()}/billing/ledger?limit={limit}", Ct);

        var body = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors").GetProperty("limit");
        Assert.Contains("from 1 to 100", errors[0].GetString());
    }

    private async Task<Guid> AcmeIdAsync()
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<string> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
