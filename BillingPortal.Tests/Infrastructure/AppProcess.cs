using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BillingPortal.Tests.Infrastructure;

/// <summary>
/// The app as its own operating-system process (the built BillingPortal.dll) on a loopback port, over a given
/// PostgreSQL database: what a second machine would run. It can be killed outright, as a crashed instance is.
/// Its clock starts at <see cref="BillingAppFactory.DefaultStart"/> (<c>Testing:ClockStart</c>), never today's date.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }
    public string Name { get; private init; } = "";
    public bool HasExited => process.HasExited;

    /// <summary>What the instance wrote to its console (for a failure's message).</summary>
    public string Output { get { lock (output) return output.ToString(); } }

    /// <summary>Starts an instance and waits until it answers; <paramref name="settings"/> are extra configuration keys.</summary>
    public static async Task<AppProcess> StartAsync(string name, string connectionString, IDictionary<string, string>? settings = null, CancellationToken ct = default)
    {
        var bin = AppContext.BaseDirectory;
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = bin,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(bin, "BillingPortal.dll"));
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Billing"] = connectionString,
            ["Demo__Seed"] = "false",
            ["Billing__Worker__Enabled"] = "false",
            ["Testing__ClockStart"] = BillingAppFactory.DefaultStart.ToString("O"),
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        foreach (var (key, value) in environment)
            start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}")) { Name = name };
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilReadyAsync(ct);
        return app;
    }

    public HttpClient CreateClient(HttpMessageHandler? handler = null) =>
        new(handler ?? new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Ends the process at once, as a crash or an OOM kill would: no graceful shutdown, requests in flight cut.</summary>
    public void Kill()
    {
        if (!process.HasExited)
            process.Kill(entireProcessTree: true);
        process.WaitForExit(10_000);
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        using var client = CreateClient();
        client.Timeout = TimeSpan.FromSeconds(5);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Instance {Name} exited with {process.ExitCode}:\n{Output}");
            try
            {
                using var response = await client.GetAsync("/Account/Login", ct);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { /* starting */ }
            await Task.Delay(200, ct);
        }
        Kill();
        throw new TimeoutException($"Instance {Name} did not answer within 120 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        process.Dispose();
        await Task.CompletedTask;
    }
}
