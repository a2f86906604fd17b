using System.Diagnostics;

namespace BillingPortal.LoadDriver;

/// <summary>The real app in Release on a real port: by default over a fresh SQLite file with the demo seeded.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;

    private AppProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>
    /// The app itself: <c>dotnet run</c> builds, then starts the app as its child, so memory is read from that child.
    /// </summary>
    public int ServerPid => FindServer(process.Id) ?? throw new InvalidOperationException("The app's process was not found under dotnet run.");

    /// <param name="environment">
    /// Testing for the metering load: Production refuses demo data, and Testing differs from it only in what the
    /// metering path never touches (HSTS, local payments, mail to a folder). Development for circuits (as
    /// <c>dotnet run</c> starts it).
    /// </param>
    /// <param name="settings">Configuration keys (<c>Section:Key</c>); without a connection string, a fresh SQLite file.</param>
    /// <param name="build">False for a second instance: the first one's <c>dotnet run</c> has built the app already.</param>
    public static async Task<AppProcess> StartAsync(string repoRoot, int port, string environment = "Testing",
        IReadOnlyDictionary<string, string>? settings = null, bool build = true)
    {
        var folder = Directory.CreateTempSubdirectory("billing-load-").FullName;
        var databasePath = Path.Combine(folder, "billing.db");
        var baseUrl = $"http://127.0.0.1:{port}";
        string[] run = ["run", "-c", "Release", "--no-launch-profile", "--project", Path.Combine(repoRoot, "BillingPortal"), "--urls", baseUrl];
        var info = new ProcessStartInfo("dotnet", build ? run : [.. run, "--no-build"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["ConnectionStrings__Billing"] = $"Data Source={databasePath}";
        info.Environment["Demo__Seed"] = "true";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the app.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[app] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // dotnet run's build check alone can take minutes on a loaded machine.
        using var probe = new HttpClient();
        for (var i = 0; i < 1200; i++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The app exited with code {process.ExitCode}.");
            try
            {
                if ((await probe.GetAsync($"{baseUrl}/Account/Login")).IsSuccessStatusCode)
                    return new AppProcess(process, baseUrl);
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(500);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The app did not start within 10 minutes.");
    }

    private static int? FindServer(int runPid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == runPid)
                continue;
            try
            {
                // /proc/<pid>/stat: "pid (name) state ppid ..."; the name may hold spaces, so read after its ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var parent = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (parent == runPid && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains("BillingPortal", StringComparison.Ordinal))
                    return pid;
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }
}
