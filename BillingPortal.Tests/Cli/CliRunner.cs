using System.Text.Json;
using BillingPortal.Tests.Infrastructure;
using CliContext = BillingPortal.Cli.CliContext;
using CliProgram = BillingPortal.Cli.Program;

namespace BillingPortal.Tests.Cli;

/// <summary>What one run of the CLI did: its exit code, what it printed, the requests it sent and the pages it tried to open.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error, IReadOnlyList<HttpRequestMessage> Requests, IReadOnlyList<string> Opened)
{
    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>
/// Runs <c>billing</c> in-process as a person's shell would, against the fixture's port: its own environment (no
/// BILLING_* of the machine, a config folder of its own), a browser that only records, and a client that counts requests.
/// </summary>
public sealed class CliRunner(CliFixture fixture)
{
    /// <summary>The environment every run sees; tests add or remove entries (BILLING_TOKEN, BILLING_URL, …).</summary>
    public Dictionary<string, string> Environment { get; } = new()
    {
        ["XDG_CONFIG_HOME"] = Directory.CreateTempSubdirectory("billing-cli-config-").FullName,
    };

    public BillingAppFactory App => fixture.App;

    public string ConfigFile => Path.Combine(Environment["XDG_CONFIG_HOME"], "billingportal", "config.json");

    /// <summary>Sets BILLING_URL to the app and BILLING_TOKEN to <paramref name="token"/>.</summary>
    public CliRunner As(string token)
    {
        Environment["BILLING_URL"] = fixture.BaseAddress.ToString();
        Environment["BILLING_TOKEN"] = token;
        return this;
    }

    public async Task<CliResult> RunAsync(string[] args, string input, bool interactive = false, bool browserOpens = false)
    {
        var requests = new RecordingHandler();
        var opened = new List<string>();
        using var http = new HttpClient(requests);
        var output = new StringWriter();
        var error = new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = error,
            In = new StringReader(input),
            Interactive = interactive,
            Environment = name => Environment.GetValueOrDefault(name),
            Http = http,
            Clock = fixture.App.Clock,
            OpenBrowser = url => { opened.Add(url); return browserOpens; },
        };
        var code = await CliProgram.RunAsync(args, context, TestContext.Current.CancellationToken);
        return new CliResult(code, output.ToString(), error.ToString(), requests.Sent, opened);
    }

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, "");

    private sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<HttpRequestMessage> Sent { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            lock (Sent)
                Sent.Add(request);
            return base.SendAsync(request, ct);
        }
    }
}
