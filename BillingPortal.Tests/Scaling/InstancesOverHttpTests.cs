using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Scaling;

/// <summary>
/// Two instances of the app as separate processes on loopback ports, over one PostgreSQL database: metering through
/// both with replays racing across them, and one of them killed mid-load with its requests retried on the other.
/// </summary>
public sealed class InstancesOverHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTime EventTime = BillingAppFactory.DefaultStart.UtcDateTime.AddMinutes(-1);

    [Fact]
    public async Task Metering_ThroughBothInstances_WithReplaysRacingAcrossThem_ChargesEveryEventOnce()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Postgres);
        var (workspace, secret) = await FundedWorkspaceAsync(database);
        await using var a = await AppProcess.StartAsync("A", database.ConnectionString, ct: Ct);
        await using var b = await AppProcess.StartAsync("B", database.ConnectionString, ct: Ct);
        using var toA = Metering(a, secret);
        using var toB = Metering(b, secret);
        var before = await database.WalletAsync(workspace);

        // 30 batches of 8 distinct events; each batch goes to A and to B at the same moment, and again to whichever.
        var batches = Enumerable.Range(0, 30).Select(n => Enumerable.Range(0, 8).Select(i => Llm($"race-{n}-{i}", $"run-{n}")).ToArray()).ToList();
        var sends = batches.SelectMany((batch, n) => new[] { (toA, batch), (toB, batch), (n % 2 == 0 ? toA : toB, batch) });
        var responses = await Task.WhenAll(sends.Select(s => s.Item1.PostAsJsonAsync("/api/v1/usage", new { events = s.batch }, Ct)));

        Assert.True(responses.All(r => r.StatusCode == HttpStatusCode.OK),
            $"Not every send was answered 200: {string.Join(", ", responses.Select(r => (int)r.StatusCode).Distinct())}\nA:\n{a.Output}\nB:\n{b.Output}");
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        Assert.Equal(240, bodies.Sum(x => x.GetProperty("accepted").GetInt32()));
        Assert.Equal(480, bodies.Sum(x => x.GetProperty("duplicates").GetInt32()));
        await AssertChargedOnceAsync(database, workspace, before, events: 240, charged: bodies.Sum(x => x.GetProperty("chargedMicros").GetInt64()));
    }

    [Fact]
    public async Task OneInstanceKilledMidLoad_ItsRequestsRetriedOnTheOther_LoseNothingAndDoubleNothing()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Postgres);
        var (workspace, secret) = await FundedWorkspaceAsync(database);
        await using var a = await AppProcess.StartAsync("A", database.ConnectionString, ct: Ct);
        await using var b = await AppProcess.StartAsync("B", database.ConnectionString, ct: Ct);
        using var toA = Metering(a, secret);
        using var toB = Metering(b, secret);
        var before = await database.WalletAsync(workspace);

        // 8 clients send 25 batches of 4 events each to A; A is killed after the 60th answer. A client whose request
        // failed (cut, refused, 5xx) sends the same batch to B, as a load balancer's retry would.
        var answered = 0;
        var retried = 0;
        var killed = new TaskCompletionSource();
        async Task ClientAsync(int client)
        {
            for (var n = 0; n < 25; n++)
            {
                var batch = Enumerable.Range(0, 4).Select(i => Llm($"kill-{client}-{n}-{i}", $"run-{client}-{n}")).ToArray();
                if (!await TrySendAsync(toA, batch))
                {
                    Interlocked.Increment(ref retried);
                    Assert.True(await TrySendAsync(toB, batch), "The surviving instance refused a retried batch.");
                }
                if (Interlocked.Increment(ref answered) == 60)
                {
                    a.Kill();
                    killed.SetResult();
                }
            }
        }
        await Task.WhenAll(Enumerable.Range(0, 8).Select(c => Task.Run(() => ClientAsync(c), Ct)));

        Assert.True(a.HasExited);
        Assert.True(killed.Task.IsCompleted);
        Assert.True(retried > 0, "No request was retried on the surviving instance: the kill came too late to test anything.");
        // Every batch again, to the survivor: a client that lost its answer cannot know, so it sends again. All duplicates.
        var replay = 0;
        for (var client = 0; client < 8; client++)
            for (var n = 0; n < 25; n++)
            {
                var response = await toB.PostAsJsonAsync("/api/v1/usage",
                    new { events = Enumerable.Range(0, 4).Select(i => Llm($"kill-{client}-{n}-{i}", $"run-{client}-{n}")).ToArray() }, Ct);
                replay += (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accepted").GetInt32();
            }
        Assert.Equal(0, replay);

        await using var db = database.Open();
        var charged = await db.UsageLineItems.Where(l => l.WorkspaceId == workspace).SumAsync(l => l.CostMicros, Ct);
        await AssertChargedOnceAsync(database, workspace, before, events: 800, charged);
    }

    private static async Task<bool> TrySendAsync(HttpClient client, object[] batch)
    {
        try
        {
            using var response = await client.PostAsJsonAsync("/api/v1/usage", new { events = batch }, Ct);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false; // the connection was cut or refused
        }
    }

    /// <summary>Every event has one receipt and its line items; what was charged is what the ledger debited and what the wallet lost.</summary>
    private static async Task AssertChargedOnceAsync(TestDatabase database, Guid workspace, Wallet before, int events, long charged)
    {
        await using var db = database.Open();
        Assert.Equal(events, await db.UsageEventReceipts.CountAsync(r => r.WorkspaceId == workspace, Ct));
        var lines = await db.UsageLineItems.Where(l => l.WorkspaceId == workspace).ToListAsync(Ct);
        Assert.Equal(events, lines.Select(l => l.EventId).Distinct().Count());
        Assert.Equal(charged, lines.Sum(l => l.CostMicros));
        var debits = await db.LedgerEntries.Where(e => e.WorkspaceId == workspace && e.Type == LedgerEntryType.Usage).ToListAsync(Ct);
        Assert.Equal(charged, -debits.Sum(e => e.TotalDeltaMicros));
        var after = await database.WalletAsync(workspace);
        Assert.Equal(charged, before.CreditBalanceMicros + before.AllowanceRemainingMicros - after.CreditBalanceMicros - after.AllowanceRemainingMicros);
        Assert.True(charged > 0);
        Assert.Empty(await database.AuditAsync(workspace));
    }

    /// <summary>A Pro workspace with $500 of credits (so no event is refused for funds) and a metering key.</summary>
    private static async Task<(Guid Workspace, string Secret)> FundedWorkspaceAsync(TestDatabase database)
    {
        var workspace = await database.NewWorkspaceAsync();
        await database.Ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(workspace, 500 * Money.MicrosPerDollar, "funds", "Credit purchase"), Ct);
        var secret = ApiKeySecrets.NewSecret();
        await using var db = database.Open();
        db.ApiKeys.Add(new ApiKey
        {
            WorkspaceId = workspace, Name = "instances", Prefix = ApiKeySecrets.ShownPrefix(secret), SecretHash = ApiKeySecrets.Hash(secret),
            CreatedAt = database.Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(Ct);
        return (workspace, secret);
    }

    private static HttpClient Metering(AppProcess instance, string secret)
    {
        var client = instance.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static object Llm(string id, string run) => new
    {
        id, runId = run, agent = "support-bot", timestamp = EventTime, stepIndex = 0, stepType = "llm_call", lineItem = "llm",
        model = "gpt-4.1", inputTokens = 1200, outputTokens = 300, durationMs = 900,
    };
}
