using System.Diagnostics;

namespace BillingPortal.LoadDriver;

/// <summary>The real app in Release on a real port, over a fresh SQLite file with the demo seeded.</summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;

    private AppProcess(Process process, string baseUrl, string databasePath)
    {
        this.process = process;
        BaseUrl = baseUrl;
        DatabasePath = databasePath;
    }

    public string BaseUrl { get; }
    public string DatabasePath { get; }

    public static async Task<AppProcess> StartAsync(string repoRoot, int port)
    {
        var folder = Directory.CreateTempSubdirectory("billing-load-").FullName;
        var databasePath = Path.Combine(folder, "billing.db");
        var baseUrl = $"http://127.0.0.1:{port}";
        var info = new ProcessStartInfo("dotnet", ["run", "-c", "Release", "--no-launch-profile", "--project", Path.Combine(repoRoot, "BillingPortal"), "--urls", baseUrl])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ConnectionStrings__Billing"] = $"Data Source={databasePath}";
        info.Environment["Demo__Seed"] = "true";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the app.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[app] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient();
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"The app exited with code {process.ExitCode}.");
            try
            {
                if ((await probe.GetAsync($"{baseUrl}/Account/Login")).IsSuccessStatusCode)
                    return new AppProcess(process, baseUrl, databasePath);
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(500);
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The app did not start within 5 minutes.");
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
