using System.Text.Json;
using BillingPortal.Domain.Tokens;
using BillingPortal.Features.Usage;
using BillingPortal.Tests.Features.Invoices;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;
using static BillingPortal.Tests.Mcp.McpTesting;

namespace BillingPortal.Tests.Mcp;

/// <summary>
/// The read-only MCP server through the SDK's client over HTTP: each tool answers what the billing API answers the same
/// token, field for field, and nothing of another workspace.
/// </summary>
public sealed class McpServerTests(BillingAppFactoryFixture fixture) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory App => fixture.Factory;

    private async Task<(HttpClient Api, ModelContextProtocol.Client.McpClient Mcp)> AcmeClientsAsync()
    {
        var secret = await CreateAsync(App, "finance@acme.test", await AcmeAsync(App), TokenScope.BillingRead, name: "concierge");
        return (Client(App, secret), await ConnectAsync(App, secret));
    }

    /// <summary>The SDK's default (2026-07-28, no handshake) and the initialize handshake of 2025-11-25 that older clients use.</summary>
    [Theory]
    [InlineData(null)]
    [InlineData("2025-11-25")]
    public async Task ToolsList_IsExactlyTheSevenReadOnlyTools_EachDescribed(string? protocolVersion)
    {
        var secret = await CreateAsync(App, "finance@acme.test", await AcmeAsync(App), TokenScope.BillingRead, name: "concierge");
        var mcp = await ConnectAsync(App, secret, protocolVersion);

        var tools = await mcp.ListToolsAsync(cancellationToken: Ct);

        if (protocolVersion is not null)
            Assert.Equal(protocolVersion, mcp.NegotiatedProtocolVersion);

        Assert.Equal(["get_balance", "get_plan", "get_run_cost", "get_usage_summary", "list_budgets", "list_invoices", "list_transactions"],
            tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, t =>
        {
            Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint, $"{t.Name} is not marked read-only");
            Assert.False(t.ProtocolTool.Annotations?.DestructiveHint ?? true, $"{t.Name} may be destructive");
            Assert.True(t.Description.Length > 60, $"{t.Name} has no real description");
        });
    }

    [Fact]
    public async Task GetBalance_IsTheStatusApisMoney_AndNamesTheCreditsAndPaymentPages()
    {
        var (api, mcp) = await AcmeClientsAsync();

        var status = await JsonAsync(await api.GetAsync("/api/v1/billing/status", Ct));
        var balance = await AnswerAsync(mcp, "get_balance");

        foreach (var field in new[] { "workspaceId", "workspaceName", "creditBalanceMicros", "allowanceRemainingMicros", "defaultCard", "autoTopUp" })
            Assert.True(Same(status.GetProperty(field), balance.GetProperty(field)), $"{field}: {status.GetProperty(field)} vs {balance.GetProperty(field)}");
        Assert.Equal(new Uri(App.Server.BaseAddress, "/billing/credits"), new Uri(balance.GetProperty("creditsPageUrl").GetString()!));
        Assert.Equal(new Uri(App.Server.BaseAddress, "/billing/payment"), new Uri(balance.GetProperty("paymentPageUrl").GetString()!));
    }

    [Fact]
    public async Task GetPlan_IsTheStatusApisPlanAndSubscription_AndNamesThePlansPage()
    {
        var (api, mcp) = await AcmeClientsAsync();

        var status = await JsonAsync(await api.GetAsync("/api/v1/billing/status", Ct));
        var plan = await AnswerAsync(mcp, "get_plan");

        Assert.True(Same(status.GetProperty("plan"), plan.GetProperty("plan")));
        Assert.True(Same(status.GetProperty("subscription"), plan.GetProperty("subscription")));
        Assert.Equal(new Uri(App.Server.BaseAddress, "/billing/plans"), new Uri(plan.GetProperty("plansPageUrl").GetString()!));
    }

    [Fact]
    public async Task ListTransactions_IsTheTransactionsApisAnswer_PageAfterPage()
    {
        var (api, mcp) = await AcmeClientsAsync();

        var apiFirst = await JsonAsync(await api.GetAsync("/api/v1/billing/transactions?types=Usage,Purchase&limit=7", Ct));
        var mcpFirst = await AnswerAsync(mcp, "list_transactions", """{"types": "Usage,Purchase", "limit": 7}""");
        var next = apiFirst.GetProperty("nextPage").GetString()!;
        var apiSecond = await JsonAsync(await api.GetAsync($"/api/v1/billing/transactions?types=Usage,Purchase&limit=7&page={next}", Ct));
        var mcpSecond = await AnswerAsync(mcp, "list_transactions", $$"""{"types": "Usage,Purchase", "limit": 7, "page": "{{next}}"}""");

        Assert.Equal(7, mcpFirst.GetProperty("data").GetArrayLength());
        Assert.True(Same(apiFirst, mcpFirst), $"{apiFirst}\n{mcpFirst}");
        Assert.True(Same(apiSecond, mcpSecond), $"{apiSecond}\n{mcpSecond}");
        Assert.NotEqual(mcpFirst.GetProperty("data")[0].GetProperty("id").GetInt64(), mcpSecond.GetProperty("data")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task ListInvoices_IsTheInvoicesApisAnswer()
    {
        var acme = await AcmeAsync(App);
        var issued = await InvoiceTestData.IssuePeriodAsync(App.DbFactory, acme, InvoiceTestData.NextPeriodIndex(), InvoiceTestData.UsageWithOverage);
        var (api, mcp) = await AcmeClientsAsync();

        var fromApi = await JsonAsync(await api.GetAsync("/api/v1/billing/invoices?limit=100", Ct));
        var fromMcp = await AnswerAsync(mcp, "list_invoices", """{"limit": 100}""");

        Assert.True(Same(fromApi, fromMcp), $"{fromApi}\n{fromMcp}");
        var row = fromMcp.GetProperty("data").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == issued.Id);
        Assert.Equal(issued.TotalMicros, row.GetProperty("totalMicros").GetInt64());
    }

    [Fact]
    public async Task GetRunCost_IsTheRunsLineItems_StepByStep_AddingUpToItsCost()
    {
        var acme = await AcmeAsync(App);
        var runId = await AcmeRunAsync(acme);
        var expected = (await App.Services.GetRequiredService<UsageQueryService>().GetRunAsync(acme, runId, Ct))!;
        var (_, mcp) = await AcmeClientsAsync();

        var run = await AnswerAsync(mcp, "get_run_cost", JsonSerializer.Serialize(new { runId }));

        Assert.Equal(runId, run.GetProperty("runId").GetString());
        Assert.Equal(expected.CostMicros, run.GetProperty("costMicros").GetInt64());
        var steps = run.GetProperty("steps").EnumerateArray().ToList();
        Assert.True(steps.Count > 1, "the demo's costliest run should have several steps");
        var lines = steps.SelectMany(s => s.GetProperty("lineItems").EnumerateArray()).ToList();
        Assert.Equal(expected.LineItems.Select(l => (l.Id, l.StepIndex, l.Quantity, l.CostMicros)),
            steps.SelectMany(s => s.GetProperty("lineItems").EnumerateArray().Select(l => (l.GetProperty("id").GetInt64(),
                s.GetProperty("stepIndex").GetInt32(), l.GetProperty("quantity").GetInt64(), l.GetProperty("costMicros").GetInt64()))));
        Assert.All(steps, s => Assert.Equal(s.GetProperty("costMicros").GetInt64(), s.GetProperty("lineItems").EnumerateArray().Sum(l => l.GetProperty("costMicros").GetInt64())));
        Assert.Equal(expected.CostMicros, lines.Sum(l => l.GetProperty("costMicros").GetInt64()));
        Assert.Contains(lines, l => l.GetProperty("lineItem").GetString() == "llm" && l.GetProperty("metric").GetString() == "inputTokens");
    }

    [Fact]
    public async Task AnotherWorkspacesToken_SeesNothingOfAcme()
    {
        var (acme, personal) = await DemoWorkspaces.AcmeAndOwnersPersonalAsync(App.DbFactory, Ct);
        var acmeRun = await AcmeRunAsync(acme);
        var acmeInvoice = await InvoiceTestData.IssuePeriodAsync(App.DbFactory, acme, InvoiceTestData.NextPeriodIndex(), InvoiceTestData.UsageWithOverage);
        // The same person, who may read Acme's billing too: only the token's workspace counts.
        var mcp = await ConnectAsync(App, await CreateAsync(App, "owner@acme.test", personal, TokenScope.BillingManage));

        Assert.Contains("No run", await RefusalAsync(mcp, "get_run_cost", JsonSerializer.Serialize(new { runId = acmeRun })));
        Assert.Equal(personal, (await AnswerAsync(mcp, "get_balance")).GetProperty("workspaceId").GetGuid());
        Assert.Equal(personal, (await AnswerAsync(mcp, "get_plan")).GetProperty("workspaceId").GetGuid());
        var invoices = await AnswerAsync(mcp, "list_invoices", """{"limit": 100}""");
        Assert.DoesNotContain(acmeInvoice.Id, invoices.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        var entries = (await AnswerAsync(mcp, "list_transactions", """{"limit": 100}""")).GetProperty("data").EnumerateArray().Select(e => e.GetProperty("id").GetInt64());
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        var acmeEntries = await db.LedgerEntries.Where(e => e.WorkspaceId == acme).Select(e => e.Id).ToListAsync(Ct);
        Assert.Empty(entries.Intersect(acmeEntries));
    }

    /// <summary>The demo's costliest Acme run: one with several steps and line items.</summary>
    private async Task<string> AcmeRunAsync(Guid acme)
    {
        await using var db = await App.DbFactory.CreateDbContextAsync(Ct);
        return await db.UsageRuns.Where(r => r.WorkspaceId == acme).OrderByDescending(r => r.CostMicros).ThenBy(r => r.RunId).Select(r => r.RunId).FirstAsync(Ct);
    }
}
