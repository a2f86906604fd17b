using System.Diagnostics;
using System.Text.Json;
using BillingPortal.Domain.Tokens;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;

namespace BillingPortal.Tests.Cli;

/// <summary>The real entry point, as <c>dotnet billing.dll</c>: the process's environment, streams and exit code.</summary>
[Collection(CliCollection.Name)]
public sealed class ProcessTests(CliFixture fixture)
{
    private static async Task<(int Code, string Out, string Error)> RunAsync(Dictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "billing.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        foreach (var name in new[] { "BILLING_URL", "BILLING_TOKEN" })
            start.Environment.Remove(name);
        start.Environment["XDG_CONFIG_HOME"] = Directory.CreateTempSubdirectory("billing-cli-process-").FullName;
        start.Environment["BILLING_NO_BROWSER"] = "1";
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task TheInstalledEntryPoint_ReadsTheEnvironment_PrintsJson_AndExitsWithTheDocumentedCodes()
    {
        var token = await CreateAsync(fixture.App, "finance@acme.test", await AcmeAsync(fixture.App), TokenScope.BillingRead, name: "cli process");
        var environment = new Dictionary<string, string> { ["BILLING_URL"] = fixture.BaseAddress.ToString(), ["BILLING_TOKEN"] = token };

        var status = await RunAsync(environment, "status", "--json");
        var badUsage = await RunAsync(environment, "top-up", "ten");
        var refused = await RunAsync(environment, "top-up", "10");

        Assert.True(status.Code == 0, status.Error);
        Assert.Equal("Acme AI", JsonDocument.Parse(status.Out).RootElement.GetProperty("workspaceName").GetString());
        Assert.Equal(2, badUsage.Code);
        Assert.Contains("AMOUNT must be dollars", badUsage.Error);
        Assert.Equal(1, refused.Code);
        Assert.Contains("billing:read", refused.Error);
    }
}
