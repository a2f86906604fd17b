using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingPortal.Domain;
using BillingPortal.Tests.Infrastructure;
using static BillingPortal.Tests.Api.MeteringTesting;

namespace BillingPortal.Tests.Api;

/// <summary>Authorize fails closed. Each test uses its own workspace; only the trial test moves the shared clock, and only trial workspaces care.</summary>
public sealed class MeteringAuthorizeTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private BillingAppFactory F => app.Factory;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Authorize_WithFundsOnAnActivePlan_Returns200Allowed()
    {
        var ws = await NewWorkspaceAsync(F);

        var response = await ws.AuthorizeAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Authorize_AfterTheTrialEnds_Returns402TrialExpired()
    {
        var ws = await NewWorkspaceAsync(F, trialDays: 9);
        Assert.Equal(HttpStatusCode.OK, (await ws.AuthorizeAsync()).StatusCode);

        F.Clock.Advance(TimeSpan.FromDays(9));

        await AssertRefusedAsync(await ws.AuthorizeAsync(), "trial_expired");
    }

    [Fact]
    public async Task Authorize_AfterTheTrialEnds_WithACardOnFile_Returns200()
    {
        var ws = await NewWorkspaceAsync(F, trialDays: 9);
        await AddCardAsync(ws.WorkspaceId, "4242", expYear: F.Clock.GetUtcNow().Year + 2);
        F.Clock.Advance(TimeSpan.FromDays(9));

        Assert.Equal(HttpStatusCode.OK, (await ws.AuthorizeAsync()).StatusCode);
    }

    [Fact]
    public async Task Authorize_AfterTheTrialEnds_WithOnlyAnExpiredOrRemovedCard_Returns402TrialExpired()
    {
        var ws = await NewWorkspaceAsync(F, trialDays: 9);
        await AddCardAsync(ws.WorkspaceId, "0001", expYear: F.Clock.GetUtcNow().Year - 1);
        await AddCardAsync(ws.WorkspaceId, "0002", expYear: F.Clock.GetUtcNow().Year + 2, removed: true);
        F.Clock.Advance(TimeSpan.FromDays(9));

        await AssertRefusedAsync(await ws.AuthorizeAsync(), "trial_expired");
    }

    private async Task AddCardAsync(Guid workspaceId, string last4, int expYear, bool removed = false)
    {
        await using var db = await F.DbFactory.CreateDbContextAsync(Ct);
        db.PaymentMethods.Add(new BillingPortal.Domain.Payments.PaymentMethod
        {
            WorkspaceId = workspaceId,
            Provider = BillingPortal.Domain.Payments.PaymentProvider.Local,
            ProviderMethodId = $"pm_test_{Guid.NewGuid():N}",
            Brand = "visa",
            Last4 = last4,
            ExpMonth = 12,
            ExpYear = expYear,
            CreatedAt = F.Clock.GetUtcNow().UtcDateTime,
            RemovedAt = removed ? F.Clock.GetUtcNow().UtcDateTime : null,
        });
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Authorize_WhenPastDue_Returns402PastDue()
    {
        var ws = await NewWorkspaceAsync(F);

        await SetStatusAsync(F, ws.WorkspaceId, SubscriptionStatus.PastDue);

        await AssertRefusedAsync(await ws.AuthorizeAsync(), "past_due");
    }

    [Fact]
    public async Task Authorize_OnceTheAllowanceIsSpentExactly_Returns402CreditsDepleted()
    {
        var ws = await NewWorkspaceAsync(F); // $25.00 allowance
        // 2,500 web searches at $0.01 + 5% = $26.25: the allowance and then $1.25 of credits
        await ws.PostUsageAsync(Tool(F, "exhaust", calls: 2_500));

        await AssertRefusedAsync(await ws.AuthorizeAsync(), "credits_depleted");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"agent\": \"\"}")]
    public async Task Authorize_WithoutAnAgent_Returns400OnAgent(string body)
    {
        var ws = await NewWorkspaceAsync(F);

        var response = await ws.Client.PostAsync("/api/v1/runs/authorize", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("agent", out _));
    }

    [Fact]
    public async Task Authorize_WithARevokedKey_Returns401()
    {
        var ws = await NewWorkspaceAsync(F);
        var revoked = await WithKeyAsync(F, ws.WorkspaceId, revoked: true);

        var response = await revoked.AuthorizeAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.PaymentRequired, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(reason, (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
    }
}
