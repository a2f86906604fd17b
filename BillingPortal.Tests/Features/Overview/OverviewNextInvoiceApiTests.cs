using System.Net.Http.Json;
using System.Text.Json;
using BillingPortal.Domain;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Overview;

/// <summary>The overview API's additive fields for the subscription lifecycle, over real HTTP on the seeded demo.</summary>
public sealed class OverviewNextInvoiceApiTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task GetOverview_DuringTheDemoTrial_GivesTheNextInvoiceSoFar_InMicros()
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var acme = await db.Workspaces.Where(w => w.Kind == WorkspaceKind.Team && w.Name == "Acme AI").Select(w => w.Id).SingleAsync(Ct);
        var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.WorkspaceId == acme, Ct);
        var client = await app.Factory.LoginAsync("owner@acme.test");

        var json = await client.GetFromJsonAsync<JsonElement>($"/api/workspaces/{acme}/billing/overview", Ct);

        var wallet = await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == acme, Ct);
        var next = json.GetProperty("nextInvoice");
        Assert.Equal(subscription.TrialEndsAt, next.GetProperty("issuesOn").GetDateTime());
        Assert.Equal("pro", next.GetProperty("planCode").GetString());
        Assert.Equal(49_000_000, next.GetProperty("planFeeMicros").GetInt64());
        Assert.Equal(Math.Max(0, -wallet.CreditBalanceMicros), next.GetProperty("overageMicros").GetInt64());
        var counted = next.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("countsTowardTotal").GetBoolean());
        Assert.Equal(counted.Sum(l => l.GetProperty("amountMicros").GetInt64()), next.GetProperty("totalMicros").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("subscription").GetProperty("pendingPlanCode").ValueKind);
        Assert.Equal(subscription.TrialEndsAt, json.GetProperty("subscription").GetProperty("trialEndsAt").GetDateTime());
    }
}
