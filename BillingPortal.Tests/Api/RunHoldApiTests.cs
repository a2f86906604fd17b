using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingPortal.Domain.Budgets;
using BillingPortal.Features.Budgets;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BillingPortal.Tests.Api.MeteringTesting;

namespace BillingPortal.Tests.Api;

/// <summary>Authorize's budgets and holds over HTTP: the 402 that names the budget, the hold's answer, completion, bad input.</summary>
public sealed class RunHoldApiTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private BillingAppFactory F => app.Factory;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<BudgetView> BudgetAsync(Guid workspaceId, BudgetDraft draft)
    {
        await using var scope = F.Services.CreateAsyncScope();
        var change = await scope.ServiceProvider.GetRequiredService<BudgetService>().CreateAsync(workspaceId, draft, Ct);
        Assert.Null(change.Errors);
        return change.Budget!;
    }

    [Fact]
    public async Task AUsedUpAgentBudget_Answers402BudgetExceeded_NamingScopeTargetBudgetAndReset()
    {
        var ws = await NewWorkspaceAsync(F);
        var budget = await BudgetAsync(ws.WorkspaceId, new BudgetDraft("agent", "support-bot", "day", 1, "block", null));
        var now = F.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(HttpStatusCode.OK, (await ws.PostUsageAsync(new { id = "e1", runId = "r1", agent = "support-bot", timestamp = now, stepIndex = 0,
            stepType = "tool_call", lineItem = "tool", integration = "web-search", calls = 1 })).StatusCode);

        var refused = await ws.AuthorizeAsync("support-bot");
        var other = await ws.AuthorizeAsync("research-bot");

        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        var body = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("budget_exceeded", body.GetProperty("reason").GetString());
        Assert.Equal("agent", body.GetProperty("scope").GetString());
        Assert.Equal("support-bot", body.GetProperty("target").GetString());
        Assert.Equal(budget.Id, body.GetProperty("budgetId").GetGuid());
        Assert.Equal(budget.ResetsAt, body.GetProperty("resetsAt").GetDateTime().ToUniversalTime());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task AnEstimate_IsHeld_AndCompletingTheRunReleasesIt()
    {
        var ws = await NewWorkspaceAsync(F); // $25 of allowance

        var held = await ws.Client.PostAsJsonAsync("/api/v1/runs/authorize", new { agent = "a", runId = "run-1", estimatedMicros = 20_000_000 }, Ct);
        var tooMuch = await ws.Client.PostAsJsonAsync("/api/v1/runs/authorize", new { agent = "a", runId = "run-2", estimatedMicros = 5_000_001 }, Ct);
        var completed = await ws.Client.PostAsync("/api/v1/runs/run-1/complete", null, Ct);
        var afterwards = await ws.Client.PostAsJsonAsync("/api/v1/runs/authorize", new { agent = "a", runId = "run-2", estimatedMicros = 5_000_001 }, Ct);

        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        var hold = await held.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(hold.GetProperty("allowed").GetBoolean());
        Assert.Equal(20_000_000, hold.GetProperty("heldMicros").GetInt64());
        Assert.Equal(F.Clock.GetUtcNow().UtcDateTime + HoldRules.Lifetime, hold.GetProperty("expiresAt").GetDateTime().ToUniversalTime());
        Assert.Equal("credits_depleted", (await tooMuch.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
        Assert.Equal(HttpStatusCode.OK, completed.StatusCode);
        Assert.Equal(hold.GetProperty("holdId").GetGuid(), (await completed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("holdId").GetGuid());
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task AnotherWorkspacesRun_CannotBeCompleted()
    {
        var mine = await NewWorkspaceAsync(F);
        var theirs = await NewWorkspaceAsync(F);
        Assert.Equal(HttpStatusCode.OK, (await theirs.Client.PostAsJsonAsync("/api/v1/runs/authorize", new { agent = "a", runId = "shared-id", estimatedMicros = 1_000_000 }, Ct)).StatusCode);

        var response = await mine.Client.PostAsync("/api/v1/runs/shared-id/complete", null, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = await F.DbFactory.CreateDbContextAsync(Ct);
        Assert.Null(await db.RunHolds.Where(h => h.WorkspaceId == theirs.WorkspaceId).Select(h => h.ReleasedAt).SingleAsync(Ct));
    }

    [Theory]
    [InlineData("""{ "agent": "a", "estimatedMicros": 1000 }""", "runId")]
    [InlineData("""{ "agent": "a", "runId": "r", "estimatedMicros": 0 }""", "estimatedMicros")]
    [InlineData("""{ "agent": "a", "runId": "r", "estimatedMicros": -5 }""", "estimatedMicros")]
    [InlineData("""{ "agent": "a", "runId": "r", "estimatedMicros": 100000000001 }""", "estimatedMicros")]
    [InlineData("""{ "agent": "a", "runId": "r", "estimatedMicros": "lots" }""", "estimatedMicros")]
    [InlineData("""{ "agent": "a", "userId": "bell\u0007" }""", "userId")]
    [InlineData("""{ "agent": "a", "runId": "r", "estimatedMicros": 1.5 }""", "estimatedMicros")]
    public async Task BadHoldInput_IsA400NamingTheField_AndHoldsNothing(string json, string field)
    {
        var ws = await NewWorkspaceAsync(F);

        var response = await ws.Client.PostAsync("/api/v1/runs/authorize", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync(Ct));
        await using var db = await F.DbFactory.CreateDbContextAsync(Ct);
        Assert.Equal(0, await db.RunHolds.CountAsync(h => h.WorkspaceId == ws.WorkspaceId, Ct));
    }
}
