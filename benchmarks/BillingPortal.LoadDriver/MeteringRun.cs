using System.Globalization;

namespace BillingPortal.LoadDriver;

/// <summary>
/// The metering load: the engine's raw limit, then the real app (one or two instances over one database) under
/// batches and single events through real HTTP, then the check that nothing was lost or counted twice.
/// </summary>
internal static class MeteringRun
{
    private const int DefaultFirstPort = 5187;

    public static async Task<int> RunAsync(string repoRoot, string[] args)
    {
        string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : fallback;
        var quick = args.Contains("--quick");
        var provider = Arg("--provider", "sqlite").ToLowerInvariant();
        var instances = int.Parse(Arg("--instances", "1"), CultureInfo.InvariantCulture);
        // --only <prefix> runs just the loads whose name starts with it (for A/B comparisons of one load).
        var only = Arg("--only", "");
        // --port <first port>: another app (another checkout's driver) may hold the default one.
        var firstPort = int.Parse(Arg("--port", DefaultFirstPort.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        if (provider is not ("sqlite" or "postgres") || instances is not (1 or 2))
        {
            Console.Error.WriteLine("--provider takes sqlite or postgres; --instances takes 1 or 2.");
            return 2;
        }
        if (provider == "sqlite" && instances == 2)
        {
            Console.Error.WriteLine("Two instances need a server database: use --provider postgres (SQLite is one process's file).");
            return 2;
        }

        await using MeteringTarget target = provider == "postgres"
            ? await PostgresTarget.CreateAsync(repoRoot, Arg("--postgres", Environment.GetEnvironmentVariable("BILLING_LOAD_POSTGRES") ?? ""))
            : new SqliteTarget();
        Console.WriteLine($"Engine: {target.Description}; {instances} app instance{(instances > 1 ? "s" : "")}.");

        var rawRows = quick ? 20_000 : 100_000;
        Console.WriteLine("The raw limit (same rows, same unique index on (workspace, event id)):");
        var raw = await target.MeasureRawAsync(rawRows);
        foreach (var limit in raw)
            Console.WriteLine($"  {limit.How,-58} {limit.Ids} ids: {limit.RowsPerSecond,9:N0} rows/s");
        double RawLimit(string ids) => raw.Where(r => r.Ids == ids).Max(r => r.RowsPerSecond);

        Console.WriteLine("Starting the app (Release, demo seeded by the first instance)...");
        var apps = new List<AppProcess>();
        try
        {
            for (var i = 0; i < instances; i++)
            {
                var settings = new Dictionary<string, string>(target.AppSettings)
                {
                    ["Workers:InstanceId"] = $"load-{i + 1}",
                    ["Demo:Seed"] = i == 0 ? "true" : "false",
                    // The authorize load measures the endpoint, not its per-key limit (500 a second by default).
                    ["RateLimits:Authorize:Burst"] = "1000000",
                    ["RateLimits:Authorize:TokensPerPeriod"] = "1000000",
                };
                apps.Add(await AppProcess.StartAsync(repoRoot, firstPort + i, settings: settings, build: i == 0));
            }
            var urls = apps.Select(a => a.BaseUrl).ToArray();
            var (workspaceId, secret) = target.CreateKey();
            // --budgets N: the workspace carries N budgets (issue 18's bar: authorize and ingestion with 20 budgets and holds).
            var budgets = int.Parse(Arg("--budgets", "0"), CultureInfo.InvariantCulture);
            if (budgets > 0)
            {
                target.AddBudgets(workspaceId, budgets);
                Console.WriteLine($"The workspace has {budgets} budgets.");
            }
            var before = target.Totals(workspaceId);

            // --batches N lengthens the batch loads, long enough to attach a profiler (dotnet-trace) to the app.
            var batches = int.Parse(Arg("--batches", quick ? "100" : "400"), CultureInfo.InvariantCulture);
            var singles = quick ? 2_000 : 10_000;
            var loads = new (string Name, int Clients, int Requests, int BatchSize, Func<string> NewId)[]
            {
                ("batch100-v4", 8, batches, 100, () => Guid.NewGuid().ToString()),
                ("batch100-v7", 8, batches, 100, () => Guid.CreateVersion7().ToString()),
                ("single-v7-32clients", 32, singles, 1, () => Guid.CreateVersion7().ToString()),
            };
            var results = new List<LoadResult>
            {
                // Warm-up, not reported but checked with the rest: the JIT's tiered and profile-guided compilation
                // settles on the hot paths in the first seconds, and a cold server would otherwise charge that to
                // whichever load runs first.
                await Load.RunAsync("warm-up batches", urls, secret, clients: 8, requests: 50 * instances, batchSize: 100, () => Guid.NewGuid().ToString()),
                await Load.RunAsync("warm-up singles", urls, secret, clients: 32, requests: 3_000 * instances, batchSize: 1, () => Guid.CreateVersion7().ToString()),
            };
            // Authorize first: it refuses runs once the loads have spent the workspace's balance.
            if ("authorize-32clients".StartsWith(only, StringComparison.Ordinal))
                results.Add(await Load.AuthorizeAsync("authorize-32clients", urls, secret, clients: 32, requests: singles));
            if ("authorize-holds-32clients".StartsWith(only, StringComparison.Ordinal))
                results.Add(await Load.AuthorizeWithHoldsAsync("authorize-holds-32clients", urls, secret, clients: 32, requests: singles));
            foreach (var load in loads.Where(l => l.Name.StartsWith(only, StringComparison.Ordinal)))
                results.Add(await Load.RunAsync(load.Name, urls, secret, load.Clients, load.Requests, load.BatchSize, load.NewId));

            foreach (var r in results.Where(r => !r.Name.StartsWith("warm-up", StringComparison.Ordinal)))
            {
                var limit = RawLimit(r.Name.Contains("v4") ? "v4" : "v7");
                var ofRaw = r.Events > 0 ? $"{r.EventsPerSecond / limit,6:P0} of raw" : "";
                Console.WriteLine($"  {r.Name,-22} {r.Requests,6} req {r.Events,7} events {r.Seconds,6:N1} s  {r.EventsPerSecond,8:N0} events/s  {r.RequestsPerSecond,7:N0} req/s  " +
                    $"p50 {r.P50Ms,6:N1} ms  p99 {r.P99Ms,6:N1} ms  {ofRaw}");
            }
            return Check(results, before, target.Totals(workspaceId)) ? 0 : 1;
        }
        finally
        {
            foreach (var app in apps)
                await app.DisposeAsync();
        }
    }

    /// <summary>Sent = accepted = new receipts = new line items; charged = line item costs = ledger usage debits = drop in balances.</summary>
    private static bool Check(List<LoadResult> results, MeteringTotals before, MeteringTotals after)
    {
        var accepted = results.Sum(r => r.Accepted);
        var charged = results.Sum(r => r.Charged);
        var sent = results.Sum(r => r.Events);
        Console.WriteLine($"Check: sent {sent}, accepted {accepted}, new receipts {after.Receipts - before.Receipts}, new line items {after.LineItems - before.LineItems}");
        Console.WriteLine($"       charged {charged}, line item costs {after.LineItemCost - before.LineItemCost}, ledger usage {after.UsageDebits - before.UsageDebits}, balances fell {before.Spendable - after.Spendable}");
        var sound = accepted == sent && after.Receipts - before.Receipts == accepted && after.LineItems - before.LineItems == accepted
            && after.LineItemCost - before.LineItemCost == charged && after.UsageDebits - before.UsageDebits == charged && before.Spendable - after.Spendable == charged;
        Console.WriteLine(sound ? "Nothing lost, nothing doubled." : "MISMATCH: see the numbers above.");
        return sound;
    }
}
