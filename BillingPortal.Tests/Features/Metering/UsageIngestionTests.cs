using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Metering;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.Metering;

public class UsageIngestionTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private TestDatabase database = null!;
    private Guid workspace;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        await new RateCardSeeder(database.Factory, NullLogger<RateCardSeeder>.Instance).SeedIfEmptyAsync(Ct);
        var owner = await database.AddUserAsync("owner@example.test");
        workspace = await database.Provisioner.CreateTeamWorkspaceAsync("Ingestion", owner, PlanCatalog.Pro, trialDays: null, Ct);
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private UsageEvent Event(string id, DateTime at, long outputTokens = 1_000_000) =>
        new(id, "run-1", "support-bot", at, 0, "llm_call", LineItemKind.Llm, "gpt-4.1", [(UsageMetric.OutputTokens, outputTokens)]);

    private DateTime Now => database.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Ingest_WhenTheDatabaseFailsBeforeCommit_WritesNothingAndTheRetryChargesOnce()
    {
        var failing = new FailAtCommit();
        var broken = new UsageIngestion(new BillingWrites(database.FactoryWith(failing)), database.Ledger, database.Clock);

        await Assert.ThrowsAsync<IOException>(() => broken.IngestAsync(workspace, null, [Event("crash-1", Now)], ct: Ct));

        await using (var db = database.Open())
        {
            Assert.Equal(0, await db.UsageEventReceipts.CountAsync(Ct));
            Assert.Equal(0, await db.UsageLineItems.CountAsync(Ct));
            Assert.Equal(0, await db.UsageRuns.CountAsync(Ct));
            Assert.Equal(0, await db.UsageDailyRollups.CountAsync(Ct));
            Assert.Equal(25_000_000, (await db.Wallets.SingleAsync(w => w.WorkspaceId == workspace, Ct)).AllowanceRemainingMicros);
        }

        var ingestion = new UsageIngestion(database.Writes, database.Ledger, database.Clock);
        var retry = await ingestion.IngestAsync(workspace, null, [Event("crash-1", Now)], ct: Ct);
        var again = await ingestion.IngestAsync(workspace, null, [Event("crash-1", Now)], ct: Ct);

        Assert.Equal((1, 8_400_000L), (retry.Response!.Accepted, retry.Response.ChargedMicros)); // 1M output tokens at $8 + 5%
        Assert.Equal((0, 1, 0L), (again.Response!.Accepted, again.Response.Duplicates, again.Response.ChargedMicros));
        Assert.Equal(25_000_000 - 8_400_000, again.Response.AllowanceRemainingMicros);
    }

    [Fact]
    public async Task Ingest_AfterARateChange_PricesEachEventAtTheRateOfItsOwnTime()
    {
        var change = Now.AddHours(-1);
        await using (var db = database.Open())
        {
            var old = await db.CostRates.SingleAsync(r => r.Key == "gpt-4.1" && r.Metric == UsageMetric.OutputTokens, Ct);
            old.EffectiveTo = change;
            db.CostRates.Add(new CostRate { LineItem = LineItemKind.Llm, Metric = UsageMetric.OutputTokens, Key = "gpt-4.1", DisplayName = "GPT-4.1 output", UnitPriceMicros = 10_000_000, UnitSize = 1_000_000, PlatformFeeBasisPoints = 500, EffectiveFrom = change });
            await db.SaveChangesAsync(Ct);
        }
        var ingestion = new UsageIngestion(database.Writes, database.Ledger, database.Clock);

        var result = await ingestion.IngestAsync(workspace, null, [Event("before", change.AddMinutes(-1)), Event("after", change)], ct: Ct);

        await using var read = database.Open();
        var costs = await read.UsageLineItems.OrderBy(l => l.Id).Select(l => l.CostMicros).ToListAsync(Ct);
        Assert.Equal([8_400_000L, 10_500_000L], costs);
        Assert.Equal(18_900_000, result.Response!.ChargedMicros);
    }

    [Fact]
    public async Task Ingest_OnAPlanWithItsOwnRate_UsesThePlanRate()
    {
        await using (var db = database.Open())
        {
            db.CostRates.Add(new CostRate { LineItem = LineItemKind.Llm, Metric = UsageMetric.OutputTokens, Key = "gpt-4.1", DisplayName = "GPT-4.1 output (Pro)", UnitPriceMicros = 4_000_000, UnitSize = 1_000_000, EffectiveFrom = DefaultRates.EffectiveFrom, PlanCode = "pro" });
            await db.SaveChangesAsync(Ct);
        }

        var result = await new UsageIngestion(database.Writes, database.Ledger, database.Clock).IngestAsync(workspace, null, [Event("plan", Now)], ct: Ct);

        Assert.Equal(4_000_000, result.Response!.ChargedMicros);
    }

    [Fact]
    public async Task Ingest_ConcurrentRequestsSharingACommit_EachGetTheirOwnAnswer_AndABadOneWritesNothing()
    {
        var ingestion = new UsageIngestion(database.Writes, database.Ledger, database.Clock);
        var results = await WhileWritesAreHeldAsync(() => Enumerable.Range(0, 20).Select(i => i switch
        {
            7 => ingestion.IngestAsync(workspace, null, [Event("bad-7", Now) with { Key = "no-such-model" }], ct: Ct),
            13 => ingestion.IngestAsync(workspace, null, [Event("group-3", Now)], ct: Ct), // a replay of request 3
            _ => ingestion.IngestAsync(workspace, null, [Event($"group-{i}", Now, outputTokens: 100_000 * (i + 1))], ct: Ct),
        }).ToArray());

        Assert.True(ingestion.GroupedRequests >= 2, $"only {ingestion.GroupedRequests} requests shared a commit");
        Assert.NotNull(results[7].Errors);
        var answers = results.Where(r => r.Response is not null).Select(r => r.Response!).ToList();
        Assert.Equal(19, answers.Count);
        Assert.Equal(18, answers.Sum(a => a.Accepted));
        Assert.Equal(1, answers.Sum(a => a.Duplicates));
        // As if each had been alone: ordered by what was left after it, each answer's balance is the previous one's less its own charge.
        var chain = answers.Where(a => a.Accepted == 1).OrderByDescending(a => a.AllowanceRemainingMicros + a.CreditBalanceMicros).ToList();
        var spendable = 25_000_000L;
        foreach (var answer in chain)
        {
            spendable -= answer.ChargedMicros;
            Assert.Equal(spendable, answer.AllowanceRemainingMicros + answer.CreditBalanceMicros);
        }
        await using var db = database.Open();
        Assert.Equal(18, await db.UsageEventReceipts.CountAsync(Ct));
        Assert.False(await db.UsageEventReceipts.AnyAsync(r => r.EventId == "bad-7", Ct));
        var wallet = await db.Wallets.SingleAsync(w => w.WorkspaceId == workspace, Ct);
        Assert.Equal(spendable, wallet.AllowanceRemainingMicros + wallet.CreditBalanceMicros);
        Assert.Equal(answers.Sum(a => a.ChargedMicros), await db.UsageLineItems.SumAsync(l => l.CostMicros, Ct));
    }

    [Fact]
    public async Task Ingest_AGroupSpanningWorkspacesAndKeys_ChargesEachWorkspaceItsOwn_AndCreditsARunToTheKeyThatReportedItFirst()
    {
        var ingestion = new UsageIngestion(database.Writes, database.Ledger, database.Clock);
        var other = await database.Provisioner.CreateTeamWorkspaceAsync("Other", await database.AddUserAsync("other@example.test"), PlanCatalog.Pro, trialDays: null, Ct);
        var (keyA, keyB) = (Guid.NewGuid(), Guid.NewGuid());

        // The same event ids in both workspaces: ids are unique per workspace, so neither is a duplicate of the other.
        var results = await WhileWritesAreHeldAsync(() =>
        [
            ingestion.IngestAsync(workspace, keyA, [Event("shared-1", Now)], ct: Ct),
            ingestion.IngestAsync(other, null, [Event("shared-1", Now, outputTokens: 500_000)], ct: Ct),
            ingestion.IngestAsync(workspace, keyB, [Event("shared-2", Now)], ct: Ct), // run-1 again, through another key
            ingestion.IngestAsync(other, null, [Event("shared-1", Now)], ct: Ct), // a replay within the group
        ]);

        Assert.True(ingestion.GroupedRequests >= 2, $"only {ingestion.GroupedRequests} requests shared a commit");
        Assert.Equal([(1, 0, 8_400_000L), (1, 0, 4_200_000L), (1, 0, 8_400_000L), (0, 1, 0L)],
            results.Select(r => (r.Response!.Accepted, r.Response.Duplicates, r.Response.ChargedMicros)));
        Assert.Equal([25_000_000 - 8_400_000, 25_000_000 - 4_200_000, 25_000_000 - 16_800_000, 25_000_000 - 4_200_000],
            results.Select(r => r.Response!.AllowanceRemainingMicros));
        await using var db = database.Open();
        var wallets = await db.Wallets.Where(w => w.WorkspaceId == workspace || w.WorkspaceId == other).ToDictionaryAsync(w => w.WorkspaceId, Ct);
        Assert.Equal((25_000_000 - 16_800_000, 25_000_000 - 4_200_000), (wallets[workspace].AllowanceRemainingMicros, wallets[other].AllowanceRemainingMicros));
        var run = await db.UsageRuns.SingleAsync(r => r.WorkspaceId == workspace, Ct);
        Assert.Equal((2, 16_800_000L, (Guid?)keyA), (run.Events, run.CostMicros, run.ApiKeyId));
        Assert.Equal(2, await db.LedgerEntries.CountAsync(e => e.WorkspaceId == workspace && e.Type == LedgerEntryType.Usage, Ct));
        Assert.Equal(1, await db.LedgerEntries.CountAsync(e => e.WorkspaceId == other && e.Type == LedgerEntryType.Usage, Ct));
    }

    [Fact]
    public async Task Ingest_KeepsOneRunKeyPerModelOrIntegration_WithTheRunsStart()
    {
        var ingestion = new UsageIngestion(database.Writes, database.Ledger, database.Clock);
        var tool = new UsageEvent("k-2", "run-1", "support-bot", Now, 1, "tool_call", LineItemKind.Tool, "web-search", [(UsageMetric.Calls, 1L)]);

        await ingestion.IngestAsync(workspace, null, [Event("k-1", Now), tool], ct: Ct);
        // A later request for the same run: an earlier step (which moves the run's start) and the same model again.
        await ingestion.IngestAsync(workspace, null, [Event("k-0", Now.AddMinutes(-5)), Event("k-3", Now.AddMinutes(1))], ct: Ct);

        await using var db = database.Open();
        var keys = await db.UsageRunKeys.Where(k => k.WorkspaceId == workspace).OrderBy(k => k.Key).ToListAsync(Ct);
        Assert.Equal(["gpt-4.1", "web-search"], keys.Select(k => k.Key));
        Assert.All(keys, k => Assert.Equal(Now.AddMinutes(-5), k.FirstAt));
        Assert.Equal(Now.AddMinutes(-5), (await db.UsageRuns.SingleAsync(r => r.WorkspaceId == workspace, Ct)).FirstAt);
    }

    [Fact]
    public async Task Ingest_TwoInstancesWritersRacingOnOverlappingIds_ChargeEachIdOnce_AndTheBalanceDropsByTheCharges()
    {
        // Two instances' ingestion (each its own queue and writers) over one database; on PostgreSQL their groups
        // claim receipts, add to the same runs and rollup and debit the same wallet at the same time.
        var a = new UsageIngestion(database.Writes, database.Ledger, database.Clock);
        var b = new UsageIngestion(database.Writes, database.Ledger, database.Clock);
        UsageEvent Race(int k) => Event($"race-{k}", Now, outputTokens: 1_000 * (k + 1)) with { RunId = $"race-run-{k / 10}" };
        // A's 8 requests cover ids 0..23, B's cover 16..39: 160 events, 40 distinct ids, 16..23 sent by both.
        var results = await WhileWritesAreHeldAsync(() => Enumerable.Range(0, 16).Select(r => r < 8
            ? a.IngestAsync(workspace, null, Enumerable.Range(2 * r, 10).Select(Race).ToArray(), ct: Ct)
            : b.IngestAsync(workspace, null, Enumerable.Range(16 + 2 * (r - 8), 10).Select(Race).ToArray(), ct: Ct)).ToArray());

        var answers = results.Select(r => r.Response!).ToList();
        Assert.Equal((40, 120), (answers.Sum(x => x.Accepted), answers.Sum(x => x.Duplicates)));
        var charged = answers.Sum(x => x.ChargedMicros);
        // Debits of both instances queue on the one wallet: ordered by what was left, each answer is the previous less its own charge.
        var spendable = 25_000_000L;
        foreach (var answer in answers.Where(x => x.ChargedMicros > 0).OrderByDescending(x => x.AllowanceRemainingMicros + x.CreditBalanceMicros))
        {
            spendable -= answer.ChargedMicros;
            Assert.Equal(spendable, answer.AllowanceRemainingMicros + answer.CreditBalanceMicros);
        }
        await using var db = database.Open();
        var lines = await db.UsageLineItems.Where(l => l.WorkspaceId == workspace).ToListAsync(Ct);
        Assert.Equal(40, lines.Count);
        Assert.Equal(40, lines.Select(l => l.EventId).Distinct().Count());
        Assert.Equal(40, await db.UsageEventReceipts.CountAsync(r => r.WorkspaceId == workspace, Ct));
        Assert.Equal(charged, lines.Sum(l => l.CostMicros));
        Assert.Equal(charged, -await db.LedgerEntries.Where(e => e.WorkspaceId == workspace && e.Type == LedgerEntryType.Usage).SumAsync(e => e.CreditDeltaMicros + e.AllowanceDeltaMicros, Ct));
        var wallet = await db.Wallets.SingleAsync(w => w.WorkspaceId == workspace, Ct);
        Assert.Equal(25_000_000 - charged, spendable);
        Assert.Equal(spendable, wallet.AllowanceRemainingMicros + wallet.CreditBalanceMicros);
        var runs = await db.UsageRuns.Where(r => r.WorkspaceId == workspace).OrderBy(r => r.RunId).ToListAsync(Ct);
        Assert.Equal([10, 10, 10, 10], runs.Select(r => r.Events));
        Assert.Equal(charged, runs.Sum(r => r.CostMicros));
        var rollup = await db.UsageDailyRollups.SingleAsync(r => r.WorkspaceId == workspace, Ct);
        Assert.Equal((40, charged), (rollup.LineItems, rollup.CostMicros));
        Assert.Equal(4, await db.UsageRunKeys.CountAsync(k => k.WorkspaceId == workspace, Ct));
    }

    [Fact]
    public async Task Ingest_AReplayedEventThatNoLongerPrices_IsSkipped_ButANewOneRefusesItsWholeRequest()
    {
        var ingestion = new UsageIngestion(database.Writes, database.Ledger, database.Clock);
        await ingestion.IngestAsync(workspace, null, [Event("seen-1", Now)], ct: Ct);

        // The replayed event names a model with no rate: it is a duplicate, skipped before pricing, as when it was first sent.
        var replay = await ingestion.IngestAsync(workspace, null, [Event("seen-1", Now) with { Key = "no-such-model" }, Event("seen-2", Now)], ct: Ct);
        var refused = await ingestion.IngestAsync(workspace, null, [Event("seen-3", Now), Event("new-bad", Now) with { Key = "no-such-model" }], ct: Ct);

        Assert.Equal((1, 1, 8_400_000L), (replay.Response!.Accepted, replay.Response.Duplicates, replay.Response.ChargedMicros));
        Assert.Null(refused.Response);
        Assert.Equal(["events[1].model"], refused.Errors!.Keys);
        await using var db = database.Open();
        Assert.Equal(["seen-1", "seen-2"], await db.UsageEventReceipts.Where(r => r.WorkspaceId == workspace).OrderBy(r => r.EventId).Select(r => r.EventId).ToListAsync(Ct));
        Assert.Equal(2, await db.UsageLineItems.CountAsync(Ct));
        Assert.Equal(25_000_000 - 2 * 8_400_000, (await db.Wallets.SingleAsync(w => w.WorkspaceId == workspace, Ct)).AllowanceRemainingMicros);
    }

    [Fact]
    public async Task Ingest_FourInstancesWritingGroupsThatSpanTwoWorkspacesAtOnce_NeverDeadlock_AndEachWalletsEntriesChain()
    {
        // On PostgreSQL each group claims, adds to both workspaces' runs and rollups and debits both wallets in two round
        // trips (CreditLedger.Postgres.cs); four instances' groups overlap on ids, rollup rows and both wallets at once.
        var other = await database.Provisioner.CreateTeamWorkspaceAsync("Other", await database.AddUserAsync("other@example.test"), PlanCatalog.Pro, trialDays: null, Ct);
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Metering:Writers"] = "3" }).Build();
        var log = new Notifications.ListLogger<UsageIngestion>();
        var instances = Enumerable.Range(0, 4).Select(_ => new UsageIngestion(database.Writes, database.Ledger, database.Clock, log, settings)).ToArray();
        UsageEvent Race(int k) => Event($"span-{k}", Now, outputTokens: 1_000 * (k + 1)) with { RunId = $"span-run-{k / 10}" };
        // Instance i sends requests r = 0..7 alternating workspaces, ids 8i + 2r .. +9: neighbours overlap, 32 requests in all.
        var results = await WhileWritesAreHeldAsync(() => Enumerable.Range(0, 4).SelectMany(i => Enumerable.Range(0, 8).Select(r =>
            instances[i].IngestAsync(r % 2 == 0 ? workspace : other, null, Enumerable.Range(8 * i + 2 * (r / 2), 10).Select(Race).ToArray(), ct: Ct))).ToArray());

        Assert.DoesNotContain(log.Lines, l => l.Level >= LogLevel.Warning);
        await using var db = database.Open();
        foreach (var id in new[] { workspace, other })
        {
            var receipts = await db.UsageEventReceipts.CountAsync(r => r.WorkspaceId == id, Ct);
            Assert.Equal(receipts, await db.UsageLineItems.CountAsync(l => l.WorkspaceId == id, Ct));
            var charged = await db.UsageLineItems.Where(l => l.WorkspaceId == id).SumAsync(l => l.CostMicros, Ct);
            var entries = await db.LedgerEntries.Where(e => e.WorkspaceId == id).OrderBy(e => e.Id).ToListAsync(Ct);
            for (var k = 1; k < entries.Count; k++)
                Assert.Equal((entries[k - 1].BalanceAfterMicros + entries[k].CreditDeltaMicros, entries[k - 1].AllowanceAfterMicros + entries[k].AllowanceDeltaMicros),
                    (entries[k].BalanceAfterMicros, entries[k].AllowanceAfterMicros));
            Assert.Equal(charged, -entries.Where(e => e.Type == LedgerEntryType.Usage).Sum(e => e.TotalDeltaMicros));
            var wallet = await db.Wallets.SingleAsync(w => w.WorkspaceId == id, Ct);
            Assert.Equal((entries[^1].BalanceAfterMicros, entries[^1].AllowanceAfterMicros), (wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros));
            Assert.Equal(25_000_000 - charged, wallet.AllowanceRemainingMicros + wallet.CreditBalanceMicros);
        }
        // Workspace ids 0..39 (even requests) and 0..39 (odd): each id accepted once per workspace, whoever claimed it.
        Assert.Equal((80, 240), (results.Sum(r => r.Response!.Accepted), results.Sum(r => r.Response!.Duplicates)));
        Assert.Equal(80, await db.UsageEventReceipts.CountAsync(r => r.WorkspaceId == workspace || r.WorkspaceId == other, Ct));
    }

    /// <summary>
    /// Holds the database's writes while the calls start (SQLite's write lock; on PostgreSQL an exclusive lock on the
    /// wallets), so they pile up behind the first writer and are committed as groups.
    /// </summary>
    private async Task<IngestResult[]> WhileWritesAreHeldAsync(Func<Task<IngestResult>[]> start)
    {
        Task<IngestResult>[] calls;
        await using (var blocker = database.Open())
        {
            await using var hold = await blocker.Database.BeginTransactionAsync(Ct);
            if (database.Engine == Engine.Postgres)
                await blocker.Database.ExecuteSqlRawAsync("LOCK TABLE \"Wallets\" IN EXCLUSIVE MODE", Ct);
            // IngestAsync queues synchronously: every call is queued before the hold ends, so whichever the writer took
            // first, the rest are written together after it. No pause is needed to line them up.
            calls = start();
            await hold.RollbackAsync(Ct);
        }
        return await Task.WhenAll(calls);
    }

    /// <summary>
    /// Stands in for a crash or a full disk after the usage rows and the ledger entry were sent, before the commit
    /// (on PostgreSQL they are sent as batches on the connection, where no command interceptor sees them).
    /// </summary>
    private sealed class FailAtCommit : DbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult> TransactionCommittingAsync(System.Data.Common.DbTransaction transaction, TransactionEventData eventData,
            InterceptionResult result, CancellationToken ct = default) => throw new IOException("disk I/O error");
    }
}
