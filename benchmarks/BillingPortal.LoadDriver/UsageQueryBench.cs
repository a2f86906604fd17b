using System.Diagnostics;
using System.Globalization;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Metering;
using BillingPortal.Features.Usage;
using BillingPortal.Features.Workspaces;
using BillingPortal.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingPortal.LoadDriver;

/// <summary>
/// The Usage page's queries on a workspace with 10,000 line items and on one with 10,000,000 (90 days of runs,
/// five line items a run), through the app's own <see cref="UsageQueryService"/>. The bar: every query under
/// 200 ms at 10M, and within 2x of its time at 10k. Rows are generated with prepared inserts in the shapes EF
/// writes, with runs and daily rollups equal to the sums of their line items, as ingestion keeps them.
/// </summary>
internal static class UsageQueryBench
{
    private const int Days = 90;
    private const int LineItemsPerRun = 5;
    private static readonly string[] Agents = ["support-bot", "code-reviewer", "research-agent", "sales-assistant", "data-analyst", "triage-bot"];
    private static readonly DateTime Today = new(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<int> RunAsync(int small, int large)
    {
        var results = new List<(string Query, double SmallMs, double LargeMs)>();
        var smallTimes = await MeasureAsync(small);
        var largeTimes = await MeasureAsync(large);
        foreach (var (query, ms) in smallTimes)
            results.Add((query, ms, largeTimes[query]));

        Console.WriteLine($"Usage page queries, median of 15 after warm-up: {small:N0} vs {large:N0} line items");
        var pass = true;
        foreach (var (query, s, l) in results)
        {
            var ok = l < 200 && l <= Math.Max(2 * s, s + 5); // 2x, with 5 ms of slack for sub-millisecond timings
            pass &= ok;
            Console.WriteLine($"  {query,-34} {s,8:N1} ms {l,8:N1} ms  {l / s,6:N1}x  {(ok ? "ok" : "OVER")}");
        }
        Console.WriteLine(pass ? "Every query under 200 ms and within 2x." : "Some queries are over the bar.");
        return pass ? 0 : 1;
    }

    private static async Task<Dictionary<string, double>> MeasureAsync(int lineItems)
    {
        var folder = Directory.CreateTempSubdirectory("billing-usage-bench-").FullName;
        var path = Path.Combine(folder, "billing.db");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = folder, EnvironmentName = "Benchmark" });
        builder.Configuration["ConnectionStrings:Billing"] = $"Data Source={path}";
        builder.Configuration["Database:Provider"] = "Sqlite";
        builder.AddBillingData();
        builder.AddBillingSecurity();
        builder.AddFeatures();
        await using var app = builder.Build();
        var factory = app.Services.GetRequiredService<IDbContextFactory<BillingDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
            await db.Database.MigrateAsync();
        await app.Services.GetRequiredService<RateCardSeeder>().SeedIfEmptyAsync();
        var owner = await AddUserAsync(factory);
        var workspace = await app.Services.GetRequiredService<WorkspaceProvisioner>().CreateTeamWorkspaceAsync("Bench", owner, PlanCatalog.Pro, trialDays: null);

        var watch = Stopwatch.StartNew();
        var someRun = await GenerateAsync(factory, path, workspace, lineItems);
        Console.WriteLine($"Generated {lineItems:N0} line items in {watch.Elapsed.TotalSeconds:N0} s ({new FileInfo(path).Length / 1_048_576:N0} MB)");
        using (var analyze = new SqliteConnection($"Data Source={path}"))
        {
            analyze.Open();
            using var command = analyze.CreateCommand();
            command.CommandText = "ANALYZE";
            command.ExecuteNonQuery();
        }

        var service = app.Services.GetRequiredService<UsageQueryService>();
        await CheckAsync(service, path, workspace, someRun);
        var last30 = UsageRange.LastDays(30, DateOnly.FromDateTime(Today));
        var last7 = UsageRange.LastDays(7, DateOnly.FromDateTime(Today));
        var last90 = UsageRange.LastDays(90, DateOnly.FromDateTime(Today));
        var queries = new (string Name, Func<Task> Run)[]
        {
            ("summary (30 days)", () => service.GetSummaryAsync(workspace, last30)),
            ("summary (90 days)", () => service.GetSummaryAsync(workspace, last90)),
            ("summary (30 days, one agent)", () => service.GetSummaryAsync(workspace, last30 with { Agent = "code-reviewer" })),
            ("runs page 1 by time (30 days)", () => service.GetRunsAsync(workspace, new RunQuery(last30))),
            ("runs page 1 by cost (30 days)", () => service.GetRunsAsync(workspace, new RunQuery(last30, Sort: RunSort.Cost))),
            ("runs page 1 by agent (7 days)", () => service.GetRunsAsync(workspace, new RunQuery(last7, Sort: RunSort.Agent, Descending: false))),
            ("runs page 1, one agent (30 days)", () => service.GetRunsAsync(workspace, new RunQuery(last30 with { Agent = "research-agent" }))),
            ("runs page 1, one model (7 days)", () => service.GetRunsAsync(workspace, new RunQuery(last7 with { Key = "gpt-4.1" }))),
            ("run drill-down", () => service.GetRunAsync(workspace, someRun)),
        };
        var times = new Dictionary<string, double>();
        foreach (var (name, run) in queries)
        {
            for (var i = 0; i < 3; i++)
                await run();
            var samples = new List<double>();
            for (var i = 0; i < 15; i++)
            {
                var one = Stopwatch.StartNew();
                await run();
                samples.Add(one.Elapsed.TotalMilliseconds);
            }
            samples.Sort();
            times[name] = samples[samples.Count / 2];
        }
        await app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Environment.GetEnvironmentVariable("BENCH_KEEP") is null)
            Directory.Delete(folder, recursive: true);
        else
            Console.WriteLine($"Kept {path}");
        return times;
    }

    /// <summary>The generated rows read back through the app agree with the raw sums, so the timings are of real answers.</summary>
    private static async Task CheckAsync(UsageQueryService service, string path, Guid workspace, string someRun)
    {
        var summary = await service.GetSummaryAsync(workspace, UsageRange.LastDays(Days, DateOnly.FromDateTime(Today)));
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sum(CostMicros) FROM UsageLineItems";
        var raw = (long)command.ExecuteScalar()!;
        var detail = await service.GetRunAsync(workspace, someRun);
        if (summary.TotalMicros != raw || detail is not { LineItems.Count: LineItemsPerRun })
            throw new InvalidOperationException($"Generated data reads back wrong: summary {summary.TotalMicros} vs raw {raw}, run {detail?.LineItems.Count} items.");
    }

    private static async Task<string> AddUserAsync(IDbContextFactory<BillingDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var user = new ApplicationUser { UserName = "bench@example.test", Email = "bench@example.test", NormalizedEmail = "BENCH@EXAMPLE.TEST", NormalizedUserName = "BENCH@EXAMPLE.TEST" };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>Writes the line items, runs and rollups; returns one run id from the middle of the range.</summary>
    private static async Task<string> GenerateAsync(IDbContextFactory<BillingDbContext> factory, string path, Guid workspaceId, int lineItems)
    {
        List<CostRate> rates;
        await using (var db = await factory.CreateDbContextAsync())
            rates = await db.CostRates.AsNoTracking().ToListAsync();
        var models = rates.Where(r => r.LineItem == LineItemKind.Llm).GroupBy(r => r.Key)
            .Select(g => (Key: g.Key, Input: g.Single(r => r.Metric == UsageMetric.InputTokens), Output: g.Single(r => r.Metric == UsageMetric.OutputTokens))).ToArray();
        var tools = rates.Where(r => r.LineItem == LineItemKind.Tool).ToArray();

        var ws = workspaceId.ToString().ToUpperInvariant();
        var runs = lineItems / LineItemsPerRun;
        var span = TimeSpan.FromDays(Days);
        var start = Today.AddDays(1) - span;
        var random = new Random(42);
        var rollups = new Dictionary<(DateTime Day, string Agent, LineItemKind Kind, UsageMetric Metric, string Key), (long Quantity, long Cost, int Count)>();
        string middleRun = "";

        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        Exec(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;");
        var tx = connection.BeginTransaction();
        using var item = Prepare(connection, tx, """
            INSERT INTO UsageLineItems (WorkspaceId, EventId, RunId, Agent, Timestamp, StepIndex, StepType, LineItem, Metric, Key, Quantity, RateId, CostMicros, DurationMs)
            VALUES ($ws, $event, $run, $agent, $at, $step, $type, $kind, $metric, $key, $quantity, $rate, $cost, 1200)
            """, "$ws", "$event", "$run", "$agent", "$at", "$step", "$type", "$kind", "$metric", "$key", "$quantity", "$rate", "$cost");
        using var run = Prepare(connection, tx, """
            INSERT INTO UsageRuns (WorkspaceId, RunId, Agent, FirstAt, LastAt, Events, CostMicros) VALUES ($ws, $run, $agent, $first, $last, $events, $cost)
            """, "$ws", "$run", "$agent", "$first", "$last", "$events", "$cost");
        using var runKey = Prepare(connection, tx, "INSERT INTO UsageRunKeys (WorkspaceId, RunId, \"Key\", FirstAt) VALUES ($ws, $run, $key, $first)", "$ws", "$run", "$key", "$first");
        for (var r = 0; r < runs; r++)
        {
            if (r > 0 && r % 20_000 == 0)
            {
                tx.Commit();
                tx = connection.BeginTransaction();
                item.Transaction = tx;
                run.Transaction = tx;
                runKey.Transaction = tx;
            }
            // Runs spread evenly over the 90 days, in time order like live traffic.
            // (A minute short of the end, so the last run's steps stay inside the 90 days.)
            var first = start + (span - TimeSpan.FromMinutes(1)) * ((double)r / runs);
            var agent = Agents[random.Next(Agents.Length)];
            var model = models[random.Next(models.Length)];
            var tool = tools[random.Next(tools.Length)];
            var runId = $"run-{r:D9}";
            if (r == runs / 2)
                middleRun = runId;
            var steps = new (LineItemKind Kind, CostRate Rate, long Quantity, string Type)[]
            {
                (LineItemKind.Llm, model.Input, random.Next(500, 20_000), "llm_call"),
                (LineItemKind.Llm, model.Output, random.Next(100, 4_000), "llm_call"),
                (LineItemKind.Tool, tool, 1, "tool_call"),
                (LineItemKind.Llm, model.Input, random.Next(500, 20_000), "llm_call"),
                (LineItemKind.Llm, model.Output, random.Next(100, 4_000), "llm_call"),
            };
            long runCost = 0;
            for (var s = 0; s < steps.Length; s++)
            {
                var (kind, rate, quantity, type) = steps[s];
                var cost = Pricing.PriceMicros(quantity, rate);
                var at = first.AddSeconds(s * 2);
                Set(item, ws, $"{runId}-{s}", runId, agent, Stamp(at), s, type, (int)kind, (int)rate.Metric, rate.Key, quantity, rate.Id, cost);
                item.ExecuteNonQuery();
                runCost += cost;
                var key = (at.Date, agent, kind, rate.Metric, rate.Key);
                var sum = rollups.GetValueOrDefault(key);
                rollups[key] = (sum.Quantity + quantity, sum.Cost + cost, sum.Count + 1);
            }
            Set(run, ws, runId, agent, Stamp(first), Stamp(first.AddSeconds((steps.Length - 1) * 2)), steps.Length, runCost);
            run.ExecuteNonQuery();
            foreach (var key in (string[])[model.Key, tool.Key])
            {
                Set(runKey, ws, runId, key, Stamp(first));
                runKey.ExecuteNonQuery();
            }
        }
        using var rollup = Prepare(connection, tx, """
            INSERT INTO UsageDailyRollups (WorkspaceId, Day, Agent, LineItem, Metric, Key, ApiKeyId, Quantity, CostMicros, LineItems)
            VALUES ($ws, $day, $agent, $kind, $metric, $key, '00000000-0000-0000-0000-000000000000', $quantity, $cost, $count)
            """, "$ws", "$day", "$agent", "$kind", "$metric", "$key", "$quantity", "$cost", "$count");
        foreach (var ((day, agent, kind, metric, key), (quantity, cost, count)) in rollups)
        {
            Set(rollup, ws, Stamp(day), agent, (int)kind, (int)metric, key, quantity, cost, count);
            rollup.ExecuteNonQuery();
        }
        tx.Commit();
        tx.Dispose();
        return middleRun;
    }

    // EF Core's SQLite text form of a DateTime.
    private static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture).TrimEnd('.');

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction tx, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in names)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i];
    }

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
