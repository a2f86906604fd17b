using System.Net.Http.Json;
using BillingPortal.Domain.Tokens;
using BillingPortal.Tests.Infrastructure;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;
using static BillingPortal.Tests.Mcp.McpTesting;

namespace BillingPortal.Tests.Mcp;

/// <summary><c>list_budgets</c> is <c>GET /api/v1/billing/budgets</c>: the same budgets in the same shape, for the token's workspace only.</summary>
public sealed class McpBudgetTests(BillingAppFactoryFixture fixture) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory App => fixture.Factory;

    [Fact]
    public async Task ListBudgets_IsTheBudgetsApisAnswer_AndNamesTheBudgetsPage()
    {
        var acme = await AcmeAsync(App);
        var manager = Client(App, await CreateAsync(App, "owner@acme.test", acme, TokenScope.BillingManage));
        var made = await JsonAsync(await manager.PostAsJsonAsync("/api/v1/billing/budgets",
            new { scope = "agent", target = "mcp-budget-agent", period = "month", limitMicros = 12_000_000, action = "block", thresholds = new[] { 75 } }, Ct));
        var secret = await CreateAsync(App, "finance@acme.test", acme, TokenScope.BillingRead, name: "concierge");

        var fromApi = await JsonAsync(await Client(App, secret).GetAsync("/api/v1/billing/budgets", Ct));
        var fromMcp = await AnswerAsync(await ConnectAsync(App, secret), "list_budgets");

        Assert.True(Same(fromApi.GetProperty("data"), fromMcp.GetProperty("data")), $"{fromApi} vs {fromMcp}");
        var budget = fromMcp.GetProperty("data").EnumerateArray().Single(b => b.GetProperty("id").GetGuid() == made.GetProperty("id").GetGuid());
        Assert.Equal("mcp-budget-agent", budget.GetProperty("target").GetString());
        Assert.Equal(new Uri(App.Server.BaseAddress, "/billing/budgets"), new Uri(fromMcp.GetProperty("budgetsPageUrl").GetString()!));
    }

    [Fact]
    public async Task AnotherWorkspacesToken_DoesNotListAcmesBudgets()
    {
        var (acme, personal) = await DemoWorkspaces.AcmeAndOwnersPersonalAsync(App.DbFactory, Ct);
        var manager = Client(App, await CreateAsync(App, "owner@acme.test", acme, TokenScope.BillingManage));
        var made = await JsonAsync(await manager.PostAsJsonAsync("/api/v1/billing/budgets",
            new { scope = "workspace", period = "day", limitMicros = 4_000_000, action = "notify" }, Ct));

        var mcp = await ConnectAsync(App, await CreateAsync(App, "owner@acme.test", personal, TokenScope.BillingRead));
        var listed = await AnswerAsync(mcp, "list_budgets");

        Assert.DoesNotContain(listed.GetProperty("data").EnumerateArray(), b => b.GetProperty("id").GetGuid() == made.GetProperty("id").GetGuid());
    }
}
