using BillingPortal.Data;
using BillingPortal.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Usage;

/// <summary>
/// Writes a consistent usage history the way ingestion does: priced line items, then runs and daily
/// rollups summed from exactly those line items (rollups are added to, so other data may coexist).
/// </summary>
public sealed class UsageDataBuilder(IDbContextFactory<BillingDbContext> factory, Guid workspaceId)
{
    public static readonly string[] Agents = ["support-bot", "code-reviewer", "research-agent"];

    public string RunPrefix { get; init; } = "run-" + Guid.NewGuid().ToString("N")[..6];
    public Guid SupportKeyId { get; private set; }
    public Guid BatchKeyId { get; private set; }

    /// <summary>
    /// <paramref name="days"/> days of runs ending on <paramref name="lastDay"/>: each agent runs once or twice
    /// a day (an LLM step, a tool call, and every third run some storage), each run within one UTC day.
    /// </summary>
    public async Task<IReadOnlyList<UsageLineItem>> WriteAsync(DateOnly lastDay, int days, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rates = await EnsureRatesAsync(db, ct);
        SupportKeyId = AddKey(db, "Support prod");
        BatchKeyId = AddKey(db, "Batch jobs");
        var items = new List<UsageLineItem>();
        var run = 0;
        for (var d = 0; d < days; d++)
        {
            var day = lastDay.AddDays(-d).ToDateTime(new TimeOnly(8, 0), DateTimeKind.Utc);
            for (var a = 0; a < Agents.Length; a++)
            {
                for (var r = 0; r <= (d + a) % 2; r++, run++)
                {
                    var at = day.AddHours(a * 3 + r).AddMinutes(run % 50);
                    Guid? key = (run % 3) switch { 0 => SupportKeyId, 1 => BatchKeyId, _ => null };
                    items.AddRange(Run($"{RunPrefix}-{run:D4}", Agents[a], at, key, 1_000 + run * 137 % 9_000, run, rates));
                }
            }
        }
        db.UsageLineItems.AddRange(items);
        await db.SaveChangesAsync(ct);
        await AddRunsAndRollupsAsync(db, items, ct);
        return items;
    }

    private IEnumerable<UsageLineItem> Run(string runId, string agent, DateTime at, Guid? key, long tokens, int n, Rates rates)
    {
        var model = n % 2 == 0 ? rates.GptIn : rates.ClaudeIn;
        var modelOut = n % 2 == 0 ? rates.GptOut : rates.ClaudeOut;
        yield return Item(runId, agent, at, 0, "llm", model, tokens, key);
        yield return Item(runId, agent, at, 0, "llm", modelOut, tokens / 3 + 7, key, eventSuffix: 0);
        yield return Item(runId, agent, at.AddSeconds(20), 1, "tool", rates.Search, 1 + n % 4, key);
        if (n % 3 == 0)
            yield return Item(runId, agent, at.AddSeconds(40), 2, "storage", rates.Storage, 3 + n % 5, key);
    }

    private UsageLineItem Item(string runId, string agent, DateTime at, int step, string stepType, CostRate rate, long quantity, Guid? key, int? eventSuffix = null) => new()
    {
        WorkspaceId = workspaceId, EventId = $"{runId}-e{eventSuffix ?? step}", RunId = runId, Agent = agent, Timestamp = at,
        StepIndex = step, StepType = stepType, LineItem = rate.LineItem, Metric = rate.Metric, Key = rate.Key,
        Quantity = quantity, RateId = rate.Id, CostMicros = Price(quantity, rate), DurationMs = 1_200 + step, ApiKeyId = key,
    };

    /// <summary>The design's price: quantity x unit price x (1 + fee), rounded half away from zero once.</summary>
    public static long Price(long quantity, CostRate rate)
    {
        var numerator = (Int128)quantity * rate.UnitPriceMicros * (10_000 + rate.PlatformFeeBasisPoints);
        var denominator = (Int128)rate.UnitSize * 10_000;
        var (q, rem) = (numerator / denominator, numerator % denominator);
        return (long)(rem * 2 >= denominator ? q + 1 : q);
    }

    private async Task AddRunsAndRollupsAsync(BillingDbContext db, List<UsageLineItem> items, CancellationToken ct)
    {
        foreach (var run in items.GroupBy(i => i.RunId))
        {
            db.UsageRuns.Add(new UsageRun
            {
                WorkspaceId = workspaceId, RunId = run.Key, Agent = run.First().Agent, FirstAt = run.Min(i => i.Timestamp), LastAt = run.Max(i => i.Timestamp),
                Events = run.Select(i => i.EventId).Distinct().Count(), CostMicros = run.Sum(i => i.CostMicros), ApiKeyId = run.First().ApiKeyId,
            });
            // As ingestion keeps them: one row per model or integration the run used.
            foreach (var key in run.Select(i => i.Key).Distinct())
                db.UsageRunKeys.Add(new UsageRunKey { WorkspaceId = workspaceId, RunId = run.Key, Key = key, FirstAt = run.Min(i => i.Timestamp) });
        }
        foreach (var g in items.GroupBy(i => (Day: i.Timestamp.Date, i.Agent, i.LineItem, i.Metric, i.Key, ApiKey: i.ApiKeyId ?? Guid.Empty)))
        {
            var k = g.Key;
            var rollup = await db.UsageDailyRollups.FirstOrDefaultAsync(r => r.WorkspaceId == workspaceId && r.Day == k.Day && r.Agent == k.Agent
                && r.LineItem == k.LineItem && r.Metric == k.Metric && r.Key == k.Key && r.ApiKeyId == k.ApiKey, ct);
            if (rollup is null)
            {
                rollup = new UsageDailyRollup { WorkspaceId = workspaceId, Day = DateTime.SpecifyKind(k.Day, DateTimeKind.Utc), Agent = k.Agent, LineItem = k.LineItem, Metric = k.Metric, Key = k.Key, ApiKeyId = k.ApiKey };
                db.UsageDailyRollups.Add(rollup);
            }
            rollup.Quantity += g.Sum(i => i.Quantity);
            rollup.CostMicros += g.Sum(i => i.CostMicros);
            rollup.LineItems += g.Count();
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Keys exist before any usage the builder writes.</summary>
    private static readonly DateTime KeysCreatedAt = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private Guid AddKey(BillingDbContext db, string name)
    {
        var key = new ApiKey { WorkspaceId = workspaceId, Name = name, Prefix = "bp_live_test", SecretHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), CreatedAt = KeysCreatedAt };
        db.ApiKeys.Add(key);
        return key.Id;
    }

    private sealed record Rates(CostRate GptIn, CostRate GptOut, CostRate ClaudeIn, CostRate ClaudeOut, CostRate Search, CostRate Storage);

    private static async Task<Rates> EnsureRatesAsync(BillingDbContext db, CancellationToken ct)
    {
        // Test-only rates with odd prices and fees, so rounding shows; kept apart from any seeded rate card by their keys.
        CostRate Rate(LineItemKind kind, UsageMetric metric, string key, long price, long unit, int fee) => new()
        {
            LineItem = kind, Metric = metric, Key = key, DisplayName = $"{key} {metric}", UnitPriceMicros = price, UnitSize = unit,
            PlatformFeeBasisPoints = fee, EffectiveFrom = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        var rates = new Rates(
            Rate(LineItemKind.Llm, UsageMetric.InputTokens, "test-gpt", 2_500_000, 1_000_000, 500),
            Rate(LineItemKind.Llm, UsageMetric.OutputTokens, "test-gpt", 10_000_000, 1_000_000, 500),
            Rate(LineItemKind.Llm, UsageMetric.InputTokens, "test-claude", 3_000_000, 1_000_000, 750),
            Rate(LineItemKind.Llm, UsageMetric.OutputTokens, "test-claude", 15_000_000, 1_000_000, 750),
            Rate(LineItemKind.Tool, UsageMetric.Calls, "test-search", 5_000, 1, 333),
            Rate(LineItemKind.Storage, UsageMetric.GbHours, "test-storage", 230_000, 730, 0));
        db.CostRates.AddRange(rates.GptIn, rates.GptOut, rates.ClaudeIn, rates.ClaudeOut, rates.Search, rates.Storage);
        await db.SaveChangesAsync(ct);
        return rates;
    }
}
