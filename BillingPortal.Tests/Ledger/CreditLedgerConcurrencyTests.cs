using System.Diagnostics;
using BillingPortal.Domain;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Ledger;

/// <summary>Many writers against one wallet at once: no credit is spent twice, no key applies twice, the ledger still adds up.</summary>
public class CreditLedgerConcurrencyTests
{
    private const int Writers = 8, DebitsPerWriter = 500, SharedEvery = 10;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Job(string Key, long AmountMicros, bool IsCredit = false);

    [Fact]
    public async Task RequireFundsDebits_FromEightWriters_NeverSpendACreditTwice()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var plan = DebitPlanWithSharedKeys(new Random(20261122));
        var amountByKey = plan.SelectMany(jobs => jobs).DistinctBy(j => j.Key).ToDictionary(j => j.Key, j => j.AmountMicros);
        var demand = amountByKey.Values.Sum();
        // About 60% of the demand: a fifth as allowance, two fifths as credits, so the funds run out part-way.
        await db.Ledger.ResetAllowanceAsync(new Posting(ws, demand / 5, "allowance-test", "Allowance"), Ct);
        await db.Ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(ws, demand * 2 / 5, "checkout-test", "Credit purchase"), Ct);
        var startFunds = demand / 5 + demand * 2 / 5;

        var results = await RunWritersAsync("RequireFunds debits", plan, job =>
            db.Ledger.DebitAsync(new Posting(ws, job.AmountMicros, job.Key, "Agent usage"), DebitMode.RequireFunds, Ct));

        var applied = results.Where(r => r.Result.Outcome == PostingOutcome.Applied).ToList();
        var replayed = results.Where(r => r.Result.Outcome == PostingOutcome.Replayed).ToList();
        var refused = results.Where(r => r.Result.Outcome == PostingOutcome.InsufficientFunds).ToList();
        var usage = (await db.EntriesAsync(ws)).Where(e => e.Type == LedgerEntryType.Usage).ToList();
        var wallet = await db.WalletAsync(ws);
        var endFunds = wallet.CreditBalanceMicros + wallet.AllowanceRemainingMicros;

        // No credit spent twice: what the wallet lost is exactly what the applied debits asked for.
        Assert.Equal(startFunds - endFunds, applied.Sum(r => r.Job.AmountMicros));
        Assert.True(wallet.CreditBalanceMicros >= 0 && wallet.AllowanceRemainingMicros >= 0, $"Funds went below zero: {wallet.CreditBalanceMicros} + {wallet.AllowanceRemainingMicros}");
        Assert.Empty(await db.AuditAsync(ws));

        // One entry per applied key, each for its own amount, allowance spent before credits.
        Assert.Equal(applied.Count, applied.Select(r => r.Job.Key).Distinct().Count());
        Assert.Equal(applied.Select(r => r.Result.Entry!.Id).Order(), usage.Select(e => e.Id));
        Assert.All(usage, e => Assert.Equal(-amountByKey[e.IdempotencyKey], e.TotalDeltaMicros));
        Assert.All(usage.Where(e => e.CreditDeltaMicros != 0), e => Assert.Equal(0, e.AllowanceAfterMicros));

        // Every replay got the first entry; a shared key either applied once and replayed once, or was refused twice.
        var firstEntry = applied.ToDictionary(r => r.Job.Key, r => r.Result.Entry!.Id);
        Assert.NotEmpty(replayed);
        Assert.All(replayed, r => Assert.Equal(firstEntry[r.Job.Key], r.Result.Entry!.Id));
        Assert.All(results.Where(r => r.Job.Key.StartsWith("shared-", StringComparison.Ordinal)).GroupBy(r => r.Job.Key), pair =>
            Assert.True(pair.Select(r => r.Result.Outcome).Order().ToArray() is [PostingOutcome.Applied, PostingOutcome.Replayed]
                or [PostingOutcome.InsufficientFunds, PostingOutcome.InsufficientFunds], $"{pair.Key}: {string.Join(", ", pair.Select(r => r.Result.Outcome))}"));

        // The funds did run out, and every refusal was honest: it did not fit, and nothing that fits was left over.
        Assert.NotEmpty(refused);
        Assert.All(refused, r => Assert.True(r.Result.CreditBalanceMicros + r.Result.AllowanceRemainingMicros < r.Job.AmountMicros));
        Assert.True(endFunds < refused.Min(r => r.Job.AmountMicros));
    }

    [Fact]
    public async Task OverdraftDebitsAndPurchases_Concurrently_AllApplyAndAddUp()
    {
        await using var db = await TestDatabase.CreateAsync();
        var ws = await db.NewWorkspaceAsync();
        var random = new Random(42);
        // Six writers of usage and two of purchases that cover only part of it, so credits cross zero and stay below.
        var plan = Enumerable.Range(0, 8).Select(w => w < 6
            ? Enumerable.Range(0, 200).Select(i => new Job($"run-{w}-{i}", random.NextInt64(1_000, 100_000))).ToList()
            : Enumerable.Range(0, 100).Select(i => new Job($"checkout-{w}-{i}", random.NextInt64(1_000, 200_000), IsCredit: true)).ToList())
            .ToArray();
        var start = await db.WalletAsync(ws);

        var results = await RunWritersAsync("overdraft debits + purchases", plan, job => job.IsCredit
            ? db.Ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(ws, job.AmountMicros, job.Key, "Credit purchase"), Ct)
            : db.Ledger.DebitAsync(new Posting(ws, job.AmountMicros, job.Key, "Agent usage"), DebitMode.AllowOverdraft, Ct));

        Assert.All(results, r => Assert.Equal(PostingOutcome.Applied, r.Result.Outcome));
        var wallet = await db.WalletAsync(ws);
        var moved = results.Sum(r => r.Job.IsCredit ? r.Job.AmountMicros : -r.Job.AmountMicros);
        Assert.Equal(start.CreditBalanceMicros + start.AllowanceRemainingMicros + moved, wallet.CreditBalanceMicros + wallet.AllowanceRemainingMicros);
        Assert.True(wallet.CreditBalanceMicros < 0, "The usage was meant to overdraw the credits.");
        Assert.Equal(1 + results.Count, (await db.EntriesAsync(ws)).Count);
        Assert.Empty(await db.AuditAsync(ws));
    }

    /// <summary>Each writer's debits; every tenth, two neighbouring writers post the same key and amount at about the same time.</summary>
    private static List<Job>[] DebitPlanWithSharedKeys(Random random)
    {
        var plan = Enumerable.Range(0, Writers).Select(_ => new List<Job>(DebitsPerWriter)).ToArray();
        for (var i = 0; i < DebitsPerWriter; i++)
            for (var w = 0; w < Writers; w += 2)
            {
                if (i % SharedEvery == 0)
                {
                    var shared = new Job($"shared-{w / 2}-{i}", random.NextInt64(1_000, 100_000));
                    plan[w].Add(shared);
                    plan[w + 1].Add(shared);
                    continue;
                }
                plan[w].Add(new Job($"run-{w}-{i}", random.NextInt64(1_000, 100_000)));
                plan[w + 1].Add(new Job($"run-{w + 1}-{i}", random.NextInt64(1_000, 100_000)));
            }
        return plan;
    }

    /// <summary>Runs each writer's jobs in order, all writers released at once; reports time and throughput.</summary>
    private static async Task<List<(Job Job, PostingResult Result)>> RunWritersAsync(string what, IReadOnlyList<List<Job>> plan, Func<Job, Task<PostingResult>> post)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Threads of their own: Microsoft.Data.Sqlite waits for the write lock synchronously.
        var writers = plan.Select(jobs => Task.Run(async () =>
        {
            await go.Task;
            var done = new List<(Job, PostingResult)>(jobs.Count);
            foreach (var job in jobs)
                done.Add((job, await post(job)));
            return done;
        }, Ct)).ToArray();

        var stopwatch = Stopwatch.StartNew();
        go.SetResult();
        var results = (await Task.WhenAll(writers)).SelectMany(r => r).ToList();
        stopwatch.Stop();

        var outcomes = string.Join(", ", results.GroupBy(r => r.Item2.Outcome).Select(g => $"{g.Key} {g.Count()}"));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{what}: {plan.Count} writers, {results.Count} postings in {stopwatch.Elapsed.TotalSeconds:F2} s " +
            $"({results.Count / stopwatch.Elapsed.TotalSeconds:F0} postings/s); {outcomes}");
        return results;
    }
}
