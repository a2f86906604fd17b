using BillingPortal.Domain.Tokens;
using BillingPortal.Features.Tokens;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;

namespace BillingPortal.Tests.Cli;

/// <summary>login and the config file, BILLING_URL and BILLING_TOKEN, and what a missing or revoked token gets.</summary>
[Collection(CliCollection.Name)]
public sealed class TokenAndConfigTests(CliFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string> TokenAsync(string name = "cli login") =>
        await CreateAsync(fixture.App, "finance@acme.test", await AcmeAsync(fixture.App), TokenScope.BillingRead, name: name);

    [Fact]
    public async Task Login_SavesTheServerAndToken_ReadableOnlyByTheUser_AndLaterCommandsUseThem()
    {
        var cli = new CliRunner(fixture);
        var token = await TokenAsync();

        var login = await cli.RunAsync("login", "--url", fixture.BaseAddress.ToString(), "--token", token);
        var status = await cli.RunAsync("status", "--json");

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.Contains("Acme AI", login.Out);
        var saved = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(cli.ConfigFile, Ct)).RootElement;
        Assert.Equal(token, saved.GetProperty("token").GetString());
        Assert.Equal(fixture.BaseAddress.ToString().TrimEnd('/'), saved.GetProperty("url").GetString());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.ConfigFile));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(cli.ConfigFile)!));
        }
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal("Acme AI", status.Json.GetProperty("workspaceName").GetString());
    }

    [Fact]
    public async Task Login_ReadsTheTokenFromStdin_WhenNotGiven()
    {
        var cli = new CliRunner(fixture);

        var login = await cli.RunAsync(["login", "--url", fixture.BaseAddress.ToString()], await TokenAsync() + "\n");

        Assert.True(login.ExitCode == 0, login.ToString());
        Assert.True(File.Exists(cli.ConfigFile));
    }

    [Fact]
    public async Task Login_WithATokenTheServerRefuses_FailsAndSavesNothing()
    {
        var cli = new CliRunner(fixture);

        var login = await cli.RunAsync("login", "--url", fixture.BaseAddress.ToString(), "--token", "bp_pat_notarealtoken00000000000000000000");

        Assert.Equal(1, login.ExitCode);
        Assert.Contains("nothing was saved", login.Error);
        Assert.False(File.Exists(cli.ConfigFile));
    }

    [Fact]
    public async Task NoToken_AnywhereIsAFailure_ThatSaysToLogIn_AndSendsNothing()
    {
        var run = await new CliRunner(fixture).RunAsync("balance");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("run billing login", run.Error);
        Assert.Empty(run.Requests);
    }

    [Fact]
    public async Task ARevokedToken_IsRefused_WithTheServersReason_AndTheAdviceToLogIn()
    {
        var acme = await AcmeAsync(fixture.App);
        var created = (await TryCreateAsync(fixture.App, "owner@acme.test", acme, TokenScope.BillingRead, name: "cli revoked")).Created!;
        var cli = new CliRunner(fixture).As(created.Secret);
        Assert.Equal(0, (await cli.RunAsync("balance")).ExitCode);
        await using (var services = fixture.App.Services.CreateAsyncScope())
            await services.ServiceProvider.GetRequiredService<PersonalTokenService>()
                .RevokeAsync(Person(await UserIdAsync(fixture.App, "owner@acme.test")), created.Token.Id, Ct);

        var run = await cli.RunAsync("balance", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Token missing, expired or revoked: run billing login", run.Error);
        Assert.Contains("revoked", run.Error[run.Error.IndexOf('.', StringComparison.Ordinal)..]); // the server's own detail follows
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task AnExpiredToken_IsRefused_WithTheServersReason()
    {
        var acme = await AcmeAsync(fixture.App);
        var created = (await TryCreateAsync(fixture.App, "owner@acme.test", acme, TokenScope.BillingRead, TokenLifetime.Days30, name: "cli expired")).Created!;
        // Its end set to a minute ago, rather than moving the clock the other tests of this app share.
        var ended = fixture.App.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1);
        await using (var db = await fixture.App.DbFactory.CreateDbContextAsync(Ct))
            await db.PersonalTokens.Where(t => t.Id == created.Token.Id).ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAt, ended), Ct);

        var run = await new CliRunner(fixture).As(created.Secret).RunAsync("transactions");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Token missing, expired or revoked: run billing login", run.Error);
        Assert.Contains("expired on", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task BillingToken_WinsOverTheSavedToken_AndBillingUrl_OverTheSavedServer()
    {
        var cli = new CliRunner(fixture);
        Assert.Equal(0, (await cli.RunAsync("login", "--url", fixture.BaseAddress.ToString(), "--token", await TokenAsync())).ExitCode);
        var personal = (await Infrastructure.DemoWorkspaces.AcmeAndOwnersPersonalAsync(fixture.App.DbFactory, Ct)).Other;

        cli.Environment["BILLING_TOKEN"] = await CreateAsync(fixture.App, "owner@acme.test", personal, TokenScope.BillingRead, name: "cli env");
        var byEnvToken = await cli.RunAsync("status", "--json");
        cli.Environment.Remove("BILLING_TOKEN");
        var bySaved = await cli.RunAsync("status", "--json");
        cli.Environment["BILLING_URL"] = "http://127.0.0.1:9"; // the discard port: nothing answers
        var byEnvUrl = await cli.RunAsync("status");

        Assert.Equal(personal, byEnvToken.Json.GetProperty("workspaceId").GetGuid());
        Assert.Equal("Acme AI", bySaved.Json.GetProperty("workspaceName").GetString());
        Assert.Equal(1, byEnvUrl.ExitCode);
        Assert.Contains("Could not reach http://127.0.0.1:9/", byEnvUrl.Error);
        Assert.Equal("127.0.0.1", Assert.Single(byEnvUrl.Requests).RequestUri!.Host);
    }

    [Fact]
    public async Task ABadServerAddress_IsBadUsage()
    {
        var run = await new CliRunner(fixture).RunAsync("login", "--url", "ftp://example.test", "--token", "bp_pat_x");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("not a server address", run.Error);
        Assert.Empty(run.Requests);
    }
}
