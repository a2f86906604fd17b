using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BillingPortal.LoadDriver;
using Microsoft.Data.Sqlite;

// dotnet run -c Release --project benchmarks/BillingPortal.LoadDriver [-- --quick]
var quick = args.Contains("--quick");
var repoRoot = FindRepoRoot();
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

// dotnet run -c Release --project benchmarks/BillingPortal.LoadDriver -- --usage-query [--line-items 10000000]
if (args.Contains("--usage-query"))
{
    var at = Array.IndexOf(args, "--line-items");
    var large = at >= 0 ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : 10_000_000;
    return await UsageQueryBench.RunAsync(small: 10_000, large);
}

// dotnet run -c Release --project benchmarks/BillingPortal.LoadDriver -- --body-memory --pid <server pid>
//   [--url http://localhost:5000] [--key <API key>] [--bodies 8] [--bytes 30000000] [--settle 15]
// Against an app already running (the demo key of appsettings.Development.json by default); see docs/operations.md.
if (args.Contains("--body-memory"))
{
    string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : fallback;
    return await BodyMemory.RunAsync(Arg("--url", "http://localhost:5000"), Arg("--key", "bp_live_demo_acme_0123456789abcdefghij"),
        int.Parse(Arg("--pid", "0"), CultureInfo.InvariantCulture), int.Parse(Arg("--bodies", "8"), CultureInfo.InvariantCulture),
        int.Parse(Arg("--bytes", BodyMemory.DefaultBodyBytes.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture),
        int.Parse(Arg("--settle", "15"), CultureInfo.InvariantCulture));
}

// dotnet run -c Release --project benchmarks/BillingPortal.LoadDriver -- --circuits 120 [--page /billing/usage]
//   [--user finance@acme.test] [--settle 20] [--ready <CSS selector>] [--port 5188]: memory per live Blazor circuit (see benchmarks/README.md).
if (args.Contains("--circuits"))
{
    string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : fallback;
    return await CircuitMemory.RunAsync(repoRoot, int.Parse(Arg("--circuits", "60"), CultureInfo.InvariantCulture), Arg("--page", "/billing/usage"),
        Arg("--user", "finance@acme.test"), Arg("--password", "Demo!2345"), int.Parse(Arg("--settle", "20"), CultureInfo.InvariantCulture),
        Array.IndexOf(args, "--ready") is var r and >= 0 ? args[r + 1] : null, int.Parse(Arg("--port", "5188"), CultureInfo.InvariantCulture));
}

Console.WriteLine("Raw prepared SQLite inserts (WAL, unique index on (workspace, event id), 100 rows per transaction):");
var rawRows = quick ? 20_000 : 100_000;
var rawV4 = RawInserts.RowsPerSecond(rawRows, () => Guid.NewGuid().ToString());
var rawV7 = RawInserts.RowsPerSecond(rawRows, () => Guid.CreateVersion7().ToString());
Console.WriteLine($"  v4 ids: {rawV4:N0} rows/s   v7 ids: {rawV7:N0} rows/s");

Console.WriteLine("Starting the app (Release, fresh SQLite file, demo seeded)...");
await using var app = await AppProcess.StartAsync(repoRoot, port: 5187);
var (workspaceId, secret) = CreateKey(app.DatabasePath);
var before = Totals(app.DatabasePath, workspaceId);

var batches = quick ? 100 : 400;
var singles = quick ? 2_000 : 10_000;
// --only <prefix> runs just the loads whose name starts with it (for A/B comparisons of one load).
var onlyAt = Array.IndexOf(args, "--only");
var only = onlyAt >= 0 ? args[onlyAt + 1] : "";
var loads = new (string Name, int Clients, int Requests, int BatchSize, Func<string> NewId)[]
{
    ("batch100-v4", 8, batches, 100, () => Guid.NewGuid().ToString()),
    ("batch100-v7", 8, batches, 100, () => Guid.CreateVersion7().ToString()),
    ("single-v7-32clients", 32, singles, 1, () => Guid.CreateVersion7().ToString()),
};
var results = new List<LoadResult>();
// Warm-up, not reported but checked with the rest: the JIT's tiered and profile-guided compilation settles on the
// hot paths in the first seconds, and a cold server would otherwise charge that to whichever load runs first.
results.Add(await Load.RunAsync("warm-up batches", app.BaseUrl, secret, clients: 8, requests: 50, batchSize: 100, () => Guid.NewGuid().ToString()));
results.Add(await Load.RunAsync("warm-up singles", app.BaseUrl, secret, clients: 32, requests: 3_000, batchSize: 1, () => Guid.CreateVersion7().ToString()));
foreach (var load in loads.Where(l => l.Name.StartsWith(only, StringComparison.Ordinal)))
    results.Add(await Load.RunAsync(load.Name, app.BaseUrl, secret, load.Clients, load.Requests, load.BatchSize, load.NewId));

foreach (var r in results.Where(r => !r.Name.StartsWith("warm-up", StringComparison.Ordinal)))
{
    var raw = r.Name.Contains("v4") ? rawV4 : rawV7;
    Console.WriteLine($"  {r.Name,-22} {r.Requests,6} req {r.Events,7} events {r.Seconds,6:N1} s  {r.EventsPerSecond,8:N0} events/s  {r.RequestsPerSecond,7:N0} req/s  " +
        $"p50 {r.P50Ms,6:N1} ms  p99 {r.P99Ms,6:N1} ms  {r.EventsPerSecond / raw,6:P0} of raw");
}

var after = Totals(app.DatabasePath, workspaceId);
var accepted = results.Sum(r => r.Accepted);
var charged = results.Sum(r => r.Charged);
var sent = results.Sum(r => r.Events);
Console.WriteLine($"Check: sent {sent}, accepted {accepted}, new receipts {after.Receipts - before.Receipts}, new line items {after.LineItems - before.LineItems}");
Console.WriteLine($"       charged {charged}, line item costs {after.LineItemCost - before.LineItemCost}, ledger usage {after.UsageDebits - before.UsageDebits}, balances fell {before.Spendable - after.Spendable}");
var sound = accepted == sent && after.Receipts - before.Receipts == accepted && after.LineItems - before.LineItems == accepted
    && after.LineItemCost - before.LineItemCost == charged && after.UsageDebits - before.UsageDebits == charged && before.Spendable - after.Spendable == charged;
Console.WriteLine(sound ? "Nothing lost, nothing doubled." : "MISMATCH: see the numbers above.");
return sound ? 0 : 1;

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "BillingPortal.sln")))
            return dir.FullName;
    throw new InvalidOperationException("Run from inside the repository.");
}

// The key is stored the way the app stores keys: only the SHA-256 of the secret.
static (string WorkspaceId, string Secret) CreateKey(string databasePath)
{
    var secret = "bp_live_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    using var db = new SqliteConnection($"Data Source={databasePath}");
    db.Open();
    using var find = db.CreateCommand();
    find.CommandText = "SELECT Id FROM Workspaces WHERE Name = 'Acme AI'";
    var workspaceId = (string)find.ExecuteScalar()!;
    using var insert = db.CreateCommand();
    insert.CommandText = "INSERT INTO ApiKeys (Id, WorkspaceId, Name, Prefix, SecretHash, CreatedAt) VALUES ($id, $ws, 'load driver', $prefix, $hash, $at)";
    insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString().ToUpperInvariant());
    insert.Parameters.AddWithValue("$ws", workspaceId);
    insert.Parameters.AddWithValue("$prefix", secret[..12]);
    insert.Parameters.AddWithValue("$hash", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));
    insert.Parameters.AddWithValue("$at", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
    insert.ExecuteNonQuery();
    return (workspaceId, secret);
}

static (long Receipts, long LineItems, long LineItemCost, long UsageDebits, long Spendable) Totals(string databasePath, string workspaceId)
{
    using var db = new SqliteConnection($"Data Source={databasePath}");
    db.Open();
    long Scalar(string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$ws", workspaceId);
        return Convert.ToInt64(command.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }
    return (Scalar("SELECT count(*) FROM UsageEventReceipts WHERE WorkspaceId = $ws"),
        Scalar("SELECT count(*) FROM UsageLineItems WHERE WorkspaceId = $ws"),
        Scalar("SELECT coalesce(sum(CostMicros), 0) FROM UsageLineItems WHERE WorkspaceId = $ws"),
        Scalar("SELECT coalesce(-sum(CreditDeltaMicros + AllowanceDeltaMicros), 0) FROM LedgerEntries WHERE WorkspaceId = $ws AND Type = 2"),
        Scalar("SELECT CreditBalanceMicros + AllowanceRemainingMicros FROM Wallets WHERE WorkspaceId = $ws"));
}
