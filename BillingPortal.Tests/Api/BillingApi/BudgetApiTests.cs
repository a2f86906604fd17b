using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingPortal.Domain.Tokens;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;

namespace BillingPortal.Tests.Api.BillingApi;

/// <summary>
/// The budgets of the billing API over real HTTP: the shape the issue names, the rights of each token, every bad field
/// refused by name with nothing written, and no id reaching another workspace's budget.
/// </summary>
public class BudgetApiTests(BillingAppFactoryFixture fixture) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory App => fixture.Factory;
    private const string Budgets = "/api/v1/billing/budgets";

    private async Task<HttpClient> OwnerClientAsync(Guid? workspace = null, TokenScope scope = TokenScope.BillingManage) =>
        Client(App, await CreateAsync(App, "owner@acme.test", workspace ?? await AcmeAsync(App), scope));

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, object body) => client.PostAsJsonAsync(Budgets, body, Ct);

    private async Task<int> CountAsync(Guid workspace)
    {
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        return await db.Budgets.CountAsync(b => b.WorkspaceId == workspace, Ct);
    }

    [Fact]
    public async Task Create_Answers201WithTheBudgetAndItsLocation_AndListEditDeleteFollow()
    {
        var client = await OwnerClientAsync();

        var created = await PostAsync(client, new { scope = "agent", target = "api-budget-agent", period = "week", limitMicros = 25_500_000, action = "block", thresholds = new[] { 90, 50 } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var budget = await JsonAsync(created);
        var id = budget.GetProperty("id").GetGuid();
        Assert.Equal($"{Budgets}/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("agent", budget.GetProperty("scope").GetString());
        Assert.Equal("api-budget-agent", budget.GetProperty("target").GetString());
        Assert.Equal("week", budget.GetProperty("period").GetString());
        Assert.Equal(25_500_000, budget.GetProperty("limitMicros").GetInt64());
        Assert.Equal("block", budget.GetProperty("action").GetString());
        Assert.Equal([50, 90], budget.GetProperty("thresholds").EnumerateArray().Select(t => t.GetInt32()));
        Assert.Equal(0, budget.GetProperty("spentMicros").GetInt64());
        Assert.Equal(0, budget.GetProperty("heldMicros").GetInt64());
        var start = budget.GetProperty("periodStart").GetDateTime();
        var resets = budget.GetProperty("resetsAt").GetDateTime();
        Assert.EndsWith("Z", budget.GetProperty("resetsAt").GetString());
        Assert.Equal(DayOfWeek.Monday, start.DayOfWeek);
        Assert.Equal(start.AddDays(7), resets);

        var listed = (await JsonAsync(await client.GetAsync(Budgets, Ct))).GetProperty("data").EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == id);
        Assert.Equal(budget.GetRawText(), listed.GetRawText());

        var put = await client.PutAsJsonAsync($"{Budgets}/{id}", new { scope = "workspace", period = "day", limitMicros = 3_000_000, action = "notify" }, Ct);
        var changed = await JsonAsync(put);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("workspace", changed.GetProperty("scope").GetString());
        Assert.Equal(JsonValueKind.Null, changed.GetProperty("target").ValueKind);
        Assert.Equal("day", changed.GetProperty("period").GetString());
        Assert.Equal([50, 80, 100], changed.GetProperty("thresholds").EnumerateArray().Select(t => t.GetInt32()));

        var deleted = await client.DeleteAsync($"{Budgets}/{id}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.DoesNotContain((await JsonAsync(await client.GetAsync(Budgets, Ct))).GetProperty("data").EnumerateArray(), b => b.GetProperty("id").GetGuid() == id);
        await ProblemAsync(await client.DeleteAsync($"{Budgets}/{id}", Ct), 404);
    }

    [Fact]
    public async Task SpentMicros_IsTheBudgetsCounterForThisPeriod()
    {
        var acme = await AcmeAsync(App);
        var client = await OwnerClientAsync();

        // The demo has usage this month: a new workspace budget starts from this period's spend, summed once.
        var budget = await JsonAsync(await PostAsync(client, new { scope = "workspace", period = "month", limitMicros = 1_000_000_000, action = "notify" }));

        var id = budget.GetProperty("id").GetGuid();
        var start = DateTime.SpecifyKind(budget.GetProperty("periodStart").GetDateTime().ToUniversalTime(), DateTimeKind.Unspecified);
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var counted = await db.BudgetSpends.Where(s => s.BudgetId == id).Select(s => new { s.PeriodStart, s.SpentMicros }).ToListAsync(Ct);
        Assert.Equal(counted.Where(s => s.PeriodStart == start).Sum(s => s.SpentMicros), budget.GetProperty("spentMicros").GetInt64());
        Assert.Equal(1, start.Day);
        await client.DeleteAsync($"{Budgets}/{id}", Ct);
    }

    [Fact]
    public async Task AReadToken_Lists_ButIsRefusedEveryChange()
    {
        var acme = await AcmeAsync(App);
        var manager = await OwnerClientAsync();
        var id = (await JsonAsync(await PostAsync(manager, new { scope = "workspace", period = "day", limitMicros = 1_000_000, action = "notify" }))).GetProperty("id").GetGuid();
        var reader = Client(App, await CreateAsync(App, "finance@acme.test", acme, TokenScope.BillingRead));

        Assert.Contains((await JsonAsync(await reader.GetAsync(Budgets, Ct))).GetProperty("data").EnumerateArray(), b => b.GetProperty("id").GetGuid() == id);
        var count = await CountAsync(acme);
        await ProblemAsync(await PostAsync(reader, new { scope = "workspace", period = "day", limitMicros = 1_000_000, action = "notify" }), 403);
        await ProblemAsync(await reader.PutAsJsonAsync($"{Budgets}/{id}", new { scope = "workspace", period = "day", limitMicros = 9_000_000, action = "block" }, Ct), 403);
        await ProblemAsync(await reader.DeleteAsync($"{Budgets}/{id}", Ct), 403);

        Assert.Equal(count, await CountAsync(acme));
        var still = (await JsonAsync(await reader.GetAsync(Budgets, Ct))).GetProperty("data").EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == id);
        Assert.Equal(1_000_000, still.GetProperty("limitMicros").GetInt64());
        await ProblemAsync(await Client(App, "bp_pat_not_a_token_0123456789abcdefghij").GetAsync(Budgets, Ct), 401);
    }

    [Theory]
    [InlineData("""{"period":"day","limitMicros":1000000,"action":"notify"}""", "scope")]
    [InlineData("""{"scope":"team","period":"day","limitMicros":1000000,"action":"notify"}""", "scope")]
    [InlineData("""{"scope":"agent","period":"day","limitMicros":1000000,"action":"notify"}""", "target")]
    [InlineData("""{"scope":"workspace","target":"x","period":"day","limitMicros":1000000,"action":"notify"}""", "target")]
    [InlineData("""{"scope":"apiKey","target":"not-a-guid","period":"day","limitMicros":1000000,"action":"notify"}""", "target")]
    [InlineData("""{"scope":"apiKey","target":"3f2b9c1e-5d6a-4b7c-8e9f-0a1b2c3d4e5f","period":"day","limitMicros":1000000,"action":"notify"}""", "target")]
    [InlineData("""{"scope":"member","target":"someone-elses-user","period":"day","limitMicros":1000000,"action":"notify"}""", "target")]
    [InlineData("""{"scope":"workspace","period":"year","limitMicros":1000000,"action":"notify"}""", "period")]
    [InlineData("""{"scope":"workspace","period":"day","limitMicros":0,"action":"notify"}""", "limitMicros")]
    [InlineData("""{"scope":"workspace","period":"day","action":"notify"}""", "limitMicros")]
    [InlineData("""{"scope":"workspace","period":"day","limitMicros":1000000,"action":"stop"}""", "action")]
    [InlineData("""{"scope":"workspace","period":"day","limitMicros":1000000,"action":"notify","thresholds":[0]}""", "thresholds")]
    [InlineData("""{"scope":"workspace","period":"day","limitMicros":1000000,"action":"notify","thresholds":[50,50]}""", "thresholds")]
    [InlineData("""{"scope":"workspace","period":"day","limitMicros":"lots","action":"notify"}""", "limitMicros")]
    [InlineData("""{"scope":"workspace","period":"day","limitMicros":1000000,"action":"notify","thresholds":"50"}""", "thresholds")]
    [InlineData("""{"scope":"workspace",""", "body")]
    [InlineData("null", "body")]
    public async Task ABadField_IsA400NamingIt_AndNothingIsWritten(string json, string field)
    {
        var acme = await AcmeAsync(App);
        var client = await OwnerClientAsync();
        var existing = (await JsonAsync(await PostAsync(client, new { scope = "workspace", period = "day", limitMicros = 2_000_000, action = "notify" }))).GetProperty("id").GetGuid();
        var count = await CountAsync(acme);

        var posted = await client.PostAsync(Budgets, new StringContent(json, Encoding.UTF8, "application/json"), Ct);
        var put = await client.PutAsync($"{Budgets}/{existing}", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        foreach (var response in new[] { posted, put })
        {
            var problem = await ProblemAsync(response, 400);
            var errors = problem.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out var messages) || (field == "body" && errors.EnumerateObject().Any()), errors.GetRawText());
            if (messages.ValueKind == JsonValueKind.Array)
                Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        }
        Assert.Equal(count, await CountAsync(acme));
        var still = (await JsonAsync(await client.GetAsync(Budgets, Ct))).GetProperty("data").EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == existing);
        Assert.Equal(2_000_000, still.GetProperty("limitMicros").GetInt64());
        await client.DeleteAsync($"{Budgets}/{existing}", Ct);
    }

    [Fact]
    public async Task ABodyThatIsNotJson_IsRefused()
    {
        var client = await OwnerClientAsync();

        var problem = await ProblemAsync(await client.PostAsync(Budgets, new StringContent("scope=workspace", Encoding.UTF8, "text/plain"), Ct), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
    }

    [Fact]
    public async Task AnotherWorkspacesBudget_Is404_AndStaysAsItWas()
    {
        var (acme, personal) = await DemoWorkspaces.AcmeAndOwnersPersonalAsync(App.DbFactory, Ct);
        var acmeClient = await OwnerClientAsync(acme);
        var personalClient = await OwnerClientAsync(personal);
        var id = (await JsonAsync(await PostAsync(acmeClient, new { scope = "workspace", period = "month", limitMicros = 7_000_000, action = "block" }))).GetProperty("id").GetGuid();

        await ProblemAsync(await personalClient.PutAsJsonAsync($"{Budgets}/{id}", new { scope = "workspace", period = "day", limitMicros = 1, action = "notify" }, Ct), 404);
        await ProblemAsync(await personalClient.DeleteAsync($"{Budgets}/{id}", Ct), 404);
        Assert.DoesNotContain((await JsonAsync(await personalClient.GetAsync(Budgets, Ct))).GetProperty("data").EnumerateArray(), b => b.GetProperty("id").GetGuid() == id);

        var still = (await JsonAsync(await acmeClient.GetAsync(Budgets, Ct))).GetProperty("data").EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == id);
        Assert.Equal(7_000_000, still.GetProperty("limitMicros").GetInt64());
        Assert.Equal("block", still.GetProperty("action").GetString());
        await acmeClient.DeleteAsync($"{Budgets}/{id}", Ct);
    }

    [Fact]
    public async Task AnApiKeyOrMemberOfTheWorkspace_IsATarget()
    {
        var acme = await AcmeAsync(App);
        var client = await OwnerClientAsync();
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var key = Guid.CreateVersion7();
        db.ApiKeys.Add(new BillingPortal.Domain.Usage.ApiKey { Id = key, WorkspaceId = acme, Name = "budget key", Prefix = "bp_test", SecretHash = Guid.NewGuid().ToString("N"), CreatedAt = App.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(Ct);
        var member = await db.WorkspaceMembers.Where(m => m.WorkspaceId == acme && m.Role == BillingPortal.Domain.WorkspaceRole.Member).Select(m => m.UserId).FirstAsync(Ct);

        var byKey = await JsonAsync(await PostAsync(client, new { scope = "apiKey", target = key.ToString("D").ToUpperInvariant(), period = "billingPeriod", limitMicros = 5_000_000, action = "block" }));
        var byMember = await JsonAsync(await PostAsync(client, new { scope = "member", target = member, period = "day", limitMicros = 5_000_000, action = "notify" }));

        Assert.Equal(key.ToString("D"), byKey.GetProperty("target").GetString());
        Assert.Equal("billingPeriod", byKey.GetProperty("period").GetString());
        Assert.Equal(member, byMember.GetProperty("target").GetString());
        await client.DeleteAsync($"{Budgets}/{byKey.GetProperty("id").GetGuid()}", Ct);
        await client.DeleteAsync($"{Budgets}/{byMember.GetProperty("id").GetGuid()}", Ct);
    }
}

public sealed class BudgetApiTestsOnPostgres(BillingAppFactoryFixture fixture) : BudgetApiTests(fixture), IRunsOnPostgres;
