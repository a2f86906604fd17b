using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingPortal.Domain;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.MeteringTesting;

namespace BillingPortal.Tests.Api;

public class MeteringConcurrencyTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory F => app.Factory;

    [Fact]
    public async Task PostUsage_ParallelBatchesWithConcurrentReplays_LoseNothingAndDoubleNothing()
    {
        var ws = await NewWorkspaceAsync(F); // a small balance: the $25 allowance, no credits
        var before = await SnapshotAsync(F, ws.WorkspaceId);
        // 12 batches of 10 events over 60 distinct ids: batch b overlaps batch b-1 by half, and every batch is sent twice at once.
        var batches = Enumerable.Range(0, 12).Select(b => Enumerable.Range(b * 5, 10).Select(i =>
            Llm(F, $"conc-{i % 60}", run: $"conc-run-{i % 60 / 10}", model: "claude-sonnet-4", input: 20_000, output: 40_000, step: i % 10)).ToArray()).ToList();

        var responses = await Task.WhenAll(batches.SelectMany(b => new[] { b, b }).Select(b => ws.PostUsageAsync(b)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        var accepted = bodies.Sum(b => b.GetProperty("accepted").GetInt32());
        var duplicates = bodies.Sum(b => b.GetProperty("duplicates").GetInt32());
        var charged = bodies.Sum(b => b.GetProperty("chargedMicros").GetInt64());

        // claude-sonnet-4: 20k in ($0.063) + 40k out ($0.63) per event = 693,000 micro-USD; 60 events
        Assert.Equal(60, accepted);
        Assert.Equal(240 - 60, duplicates);
        Assert.Equal(60 * 693_000, charged);

        await using var db = F.Open();
        var lines = await db.UsageLineItems.Where(l => l.WorkspaceId == ws.WorkspaceId).ToListAsync(Ct);
        var usage = await db.LedgerEntries.Where(e => e.WorkspaceId == ws.WorkspaceId && e.Type == LedgerEntryType.Usage).ToListAsync(Ct);
        var after = await SnapshotAsync(F, ws.WorkspaceId);
        Assert.Equal(60, lines.Select(l => l.EventId).Distinct().Count());
        Assert.Equal(120, lines.Count);
        Assert.Equal(60, after.Receipts);
        Assert.Equal(charged, lines.Sum(l => l.CostMicros));
        Assert.Equal(charged, -usage.Sum(e => e.TotalDeltaMicros));
        Assert.Equal(charged, before.SpendableMicros - after.SpendableMicros);
        Assert.Equal(charged, await db.UsageRuns.Where(r => r.WorkspaceId == ws.WorkspaceId).SumAsync(r => r.CostMicros, Ct));
        Assert.Equal(60, await db.UsageRuns.Where(r => r.WorkspaceId == ws.WorkspaceId).SumAsync(r => r.Events, Ct));
        Assert.Equal(charged, await db.UsageDailyRollups.Where(r => r.WorkspaceId == ws.WorkspaceId).SumAsync(r => r.CostMicros, Ct));
        Assert.Empty(await AuditAsync(F, ws.WorkspaceId));

        var refused = await ws.AuthorizeAsync();
        Assert.Equal(HttpStatusCode.PaymentRequired, refused.StatusCode);
        Assert.Equal("credits_depleted", (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Authorize_WhileBatchesDrainTheBalance_RefusesOnceDepletedAndNeverAllowsAfter()
    {
        var ws = await NewWorkspaceAsync(F);
        // Each batch costs $6.93; the $25 allowance is gone after the fourth.
        var verdicts = new List<HttpStatusCode>();
        for (var b = 0; b < 6; b++)
        {
            var batch = Enumerable.Range(0, 10).Select(i => Llm(F, $"drain-{b}-{i}", run: $"drain-{b}", model: "claude-sonnet-4", input: 20_000, output: 40_000)).ToArray();
            await Task.WhenAll(ws.PostUsageAsync(batch), ws.PostUsageAsync(batch));
            verdicts.Add((await ws.AuthorizeAsync()).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.PaymentRequired, HttpStatusCode.PaymentRequired, HttpStatusCode.PaymentRequired], verdicts);
        Assert.Equal(25_000_000 - 6 * 6_930_000, (await SnapshotAsync(F, ws.WorkspaceId)).SpendableMicros);
    }
}
