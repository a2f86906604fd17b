using System.Globalization;
using BillingPortal.LoadDriver;

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

// dotnet run -c Release --project benchmarks/BillingPortal.LoadDriver -- [--quick] [--provider sqlite|postgres]
//   [--instances 1|2] [--postgres <connection string>] [--only <load>] [--port 5187]: the metering load (see benchmarks/README.md).
return await MeteringRun.RunAsync(repoRoot, args);

static string FindRepoRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "BillingPortal.sln")))
            return dir.FullName;
    throw new InvalidOperationException("Run from inside the repository.");
}
