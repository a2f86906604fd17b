using BillingPortal.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;

namespace BillingPortal.Tests.Cli;

/// <summary>setup: at a terminal it offers the card and the first credits; in a script it prints the steps and starts nothing.</summary>
[Collection(CliCollection.Name)]
public sealed class SetupCommandTests(CliFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The owner's personal workspace: no card on file in the demo.</summary>
    private async Task<(CliRunner Cli, Guid Workspace)> PersonalAsync(TokenScope scope = TokenScope.BillingManage)
    {
        var personal = (await Infrastructure.DemoWorkspaces.AcmeAndOwnersPersonalAsync(fixture.App.DbFactory, Ct)).Other;
        await using var db = await fixture.App.DbFactory.CreateDbContextAsync(Ct);
        Assert.False(await db.PaymentMethods.AnyAsync(m => m.WorkspaceId == personal && m.RemovedAt == null, Ct), "the personal workspace should have no card");
        return (new CliRunner(fixture).As(await CreateAsync(fixture.App, "owner@acme.test", personal, scope, name: "cli setup")), personal);
    }

    [Fact]
    public async Task WithoutATerminal_PrintsTheNextSteps_AndOnlyReads()
    {
        var (cli, _) = await PersonalAsync();

        var run = await cli.RunAsync(["setup"], "y\n50\n", interactive: false);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("billing add-card", run.Out);
        Assert.Contains("billing top-up 50", run.Out);
        Assert.Contains(new Uri(fixture.BaseAddress, "billing/credits").AbsoluteUri, run.Out);
        Assert.All(run.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
        Assert.Empty(run.Opened);
    }

    [Fact]
    public async Task AtATerminal_OpensTheAddCardPage_ThenACheckoutForTheAmountTyped()
    {
        var (cli, personal) = await PersonalAsync();

        var run = await cli.RunAsync(["setup"], "\nabc\n25\n", interactive: true, browserOpens: true);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, run.Opened.Count);
        Assert.Contains("/setup/", run.Opened[0]);
        Assert.Contains("dollars like 50", run.Out); // "abc" was asked again
        await using var db = await fixture.App.DbFactory.CreateDbContextAsync(Ct);
        var payment = await db.Payments.SingleAsync(p => p.WorkspaceId == personal && run.Opened[1].EndsWith(p.CheckoutId!), Ct);
        Assert.Equal(25_000_000, payment.AmountMicros);
        Assert.Contains("auto top-up", run.Out);
    }

    [Theory]
    [InlineData("n\n\n")] // no card, Enter to skip the top-up
    [InlineData("")] // the input ends (Ctrl+D) before any answer
    public async Task AtATerminal_DecliningEverything_StartsNothing(string answers)
    {
        var (cli, _) = await PersonalAsync();

        var run = await cli.RunAsync(["setup"], answers, interactive: true, browserOpens: true);

        Assert.Equal(0, run.ExitCode);
        Assert.All(run.Requests, r => Assert.Equal(HttpMethod.Get, r.Method));
        Assert.Empty(run.Opened);
    }

    [Fact]
    public async Task AtATerminal_WithAReadOnlyToken_SaysThatAManageTokenIsNeeded()
    {
        var (cli, _) = await PersonalAsync(TokenScope.BillingRead);

        var run = await cli.RunAsync(["setup"], "y\n", interactive: true);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("billing:manage", run.Error);
        Assert.Empty(run.Opened);
    }
}
