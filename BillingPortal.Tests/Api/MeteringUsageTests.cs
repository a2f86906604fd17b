using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.MeteringTesting;

namespace BillingPortal.Tests.Api;

public class MeteringUsageTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory F => app.Factory;

    [Fact]
    public async Task PostUsage_WithLlmToolAndStorageEvents_ChargesTheirPriceAndBalancesFallByExactlyThat()
    {
        var acme = await AcmeAsync(F);
        var before = await SnapshotAsync(F, acme.WorkspaceId);

        var response = await acme.PostUsageAsync(
            Llm(F, "happy-1", run: "happy-run", input: 1234, output: 567),
            Tool(F, "happy-2", run: "happy-run", calls: 3),
            Storage(F, "happy-3", run: "happy-run", gbHours: 10),
            Llm(F, "happy-4", run: "happy-run-2", model: "claude-sonnet-4", input: 50_000, output: 2_000, agent: "code-reviewer"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        // gpt-4.1: 1234 x $2/1M x 1.05 = 2591.4 -> 2591; 567 x $8/1M x 1.05 = 4762.8 -> 4763
        // web-search: 3 x $0.01 x 1.05 = 31500; storage: 10 x $0.25/730 x 1.05 = 3595.89 -> 3596
        // claude-sonnet-4: 50000 x $3/1M x 1.05 = 157500; 2000 x $15/1M x 1.05 = 31500
        const long expected = 2591 + 4763 + 31_500 + 3596 + 157_500 + 31_500;
        Assert.Equal(4, json.GetProperty("accepted").GetInt32());
        Assert.Equal(0, json.GetProperty("duplicates").GetInt32());
        Assert.Equal(expected, json.GetProperty("chargedMicros").GetInt64());

        var after = await SnapshotAsync(F, acme.WorkspaceId);
        Assert.Equal(before.SpendableMicros - expected, after.SpendableMicros);
        Assert.Equal(after.CreditMicros, json.GetProperty("creditBalanceMicros").GetInt64());
        Assert.Equal(after.AllowanceMicros, json.GetProperty("allowanceRemainingMicros").GetInt64());
        Assert.Equal(before.LineItems + 6, after.LineItems);
        Assert.Equal(before.Entries + 1, after.Entries);
        Assert.Empty(await AuditAsync(F, acme.WorkspaceId));

        await using var db = F.Open();
        var lines = await db.UsageLineItems.Where(l => l.WorkspaceId == acme.WorkspaceId && l.EventId.StartsWith("happy-")).ToListAsync(Ct);
        Assert.Equal(expected, lines.Sum(l => l.CostMicros));
        Assert.All(lines, l => Assert.Equal(acme.KeyId, l.ApiKeyId));
        var run = await db.UsageRuns.SingleAsync(r => r.WorkspaceId == acme.WorkspaceId && r.RunId == "happy-run", Ct);
        Assert.Equal((3, lines.Where(l => l.RunId == "happy-run").Sum(l => l.CostMicros)), (run.Events, run.CostMicros));
        var rollups = await db.UsageDailyRollups.Where(r => r.WorkspaceId == acme.WorkspaceId && r.ApiKeyId == acme.KeyId).ToListAsync(Ct);
        Assert.Equal(expected, rollups.Sum(r => r.CostMicros));
        Assert.Equal(lines.Count, rollups.Sum(r => r.LineItems));
        var gptInput = rollups.Single(r => r.Key == "gpt-4.1" && r.Metric == UsageMetric.InputTokens);
        Assert.Equal((1234, 2591L), (gptInput.Quantity, gptInput.CostMicros));
        var entry = await db.LedgerEntries.OrderBy(e => e.Id).LastAsync(e => e.WorkspaceId == acme.WorkspaceId, Ct);
        Assert.Equal((LedgerEntryType.Usage, -expected, "usage:happy-1"), (entry.Type, entry.TotalDeltaMicros, entry.IdempotencyKey));
        Assert.Equal("Agent usage: 4 events of 2 runs", entry.Description);
    }

    [Fact]
    public async Task PostUsage_ReplayedBatch_CountsAsDuplicatesAndChangesNothing()
    {
        var ws = await NewWorkspaceAsync(F);
        object[] batch = [Llm(F, "replay-1"), Tool(F, "replay-2")];
        var first = await (await ws.PostUsageAsync(batch)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var between = await SnapshotAsync(F, ws.WorkspaceId);

        var again = await ws.PostUsageAsync(batch);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var json = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((0, 2, 0L), (json.GetProperty("accepted").GetInt32(), json.GetProperty("duplicates").GetInt32(), json.GetProperty("chargedMicros").GetInt64()));
        Assert.Equal(first.GetProperty("allowanceRemainingMicros").GetInt64(), json.GetProperty("allowanceRemainingMicros").GetInt64());
        Assert.Equal(between, await SnapshotAsync(F, ws.WorkspaceId));
    }

    [Fact]
    public async Task PostUsage_WithAnIdRepeatedInsideTheBatch_AcceptsItOnce()
    {
        var ws = await NewWorkspaceAsync(F);

        var json = await (await ws.PostUsageAsync(Llm(F, "twice"), Llm(F, "twice"), Llm(F, "once"))).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal((2, 1), (json.GetProperty("accepted").GetInt32(), json.GetProperty("duplicates").GetInt32()));
        Assert.Equal(2, (await SnapshotAsync(F, ws.WorkspaceId)).Receipts);
    }

    [Fact]
    public async Task PostUsage_PartlyReplayed_ChargesOnlyTheNewEvents()
    {
        var ws = await NewWorkspaceAsync(F);
        var first = await (await ws.PostUsageAsync(Llm(F, "part-1"))).Content.ReadFromJsonAsync<JsonElement>(Ct);

        var json = await (await ws.PostUsageAsync(Llm(F, "part-1"), Llm(F, "part-2"))).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal((1, 1), (json.GetProperty("accepted").GetInt32(), json.GetProperty("duplicates").GetInt32()));
        Assert.Equal(first.GetProperty("chargedMicros").GetInt64(), json.GetProperty("chargedMicros").GetInt64());
        Assert.Empty(await AuditAsync(F, ws.WorkspaceId));
    }

    [Fact]
    public async Task PostUsage_BeyondTheBalance_IsStillChargedAndAuthorizeThenRefuses()
    {
        var ws = await NewWorkspaceAsync(F); // $25 allowance, no credits

        // 2M output tokens of claude-sonnet-4 = $31.50: more than the allowance
        var json = await (await ws.PostUsageAsync(Llm(F, "big", model: "claude-sonnet-4", input: 0, output: 2_000_000))).Content.ReadFromJsonAsync<JsonElement>(Ct);

        Assert.Equal(31_500_000, json.GetProperty("chargedMicros").GetInt64());
        Assert.Equal(0, json.GetProperty("allowanceRemainingMicros").GetInt64());
        Assert.Equal(-6_500_000, json.GetProperty("creditBalanceMicros").GetInt64());
        var refused = await ws.AuthorizeAsync();
        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        Assert.Equal("credits_depleted", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("bp_live_unknownunknownunknownunknown12")]
    [InlineData("revoked")]
    public async Task PostUsage_WithoutAValidKey_Returns401ProblemAndWritesNothing(string? secret)
    {
        var ws = await NewWorkspaceAsync(F);
        var client = F.CreateClient();
        if (secret == "revoked")
            secret = (await WithKeyAsync(F, ws.WorkspaceId, revoked: true)).Secret;
        if (secret is not null)
            client.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        var before = await SnapshotAsync(F, ws.WorkspaceId);

        var response = await client.PostAsJsonAsync("/api/v1/usage", new { events = new[] { Llm(F, "unauth") } }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await SnapshotAsync(F, ws.WorkspaceId));
    }
}
