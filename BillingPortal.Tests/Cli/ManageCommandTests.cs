using BillingPortal.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;

namespace BillingPortal.Tests.Cli;

/// <summary>top-up, add-card and portal: each starts a page for a person and opens it; nothing is charged, and a bad amount sends nothing.</summary>
[Collection(CliCollection.Name)]
public sealed class ManageCommandTests(CliFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<CliRunner> AcmeOwnerAsync(TokenScope scope = TokenScope.BillingManage) =>
        new CliRunner(fixture).As(await CreateAsync(fixture.App, "owner@acme.test", await AcmeAsync(fixture.App), scope, name: "cli manage"));

    [Fact]
    public async Task TopUp_InDollarsAndCents_StartsACheckoutForThoseMicros_AndOpensIt()
    {
        var cli = await AcmeOwnerAsync();

        var run = await cli.RunAsync("top-up", "12.50", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var url = run.Json.GetProperty("url").GetString()!;
        Assert.StartsWith(fixture.BaseAddress.ToString(), url);
        Assert.Equal([url], run.Opened);
        await using var db = await fixture.App.DbFactory.CreateDbContextAsync(Ct);
        var acme = await AcmeAsync(fixture.App);
        var payment = await db.Payments.SingleAsync(p => p.WorkspaceId == acme && p.CheckoutUrl != null && url.EndsWith(p.CheckoutId!), Ct);
        Assert.Equal(12_500_000, payment.AmountMicros);
        Assert.NotEqual(BillingPortal.Domain.Payments.PaymentStatus.Succeeded, payment.Status); // started, not charged
        var post = Assert.Single(run.Requests);
        Assert.Equal(HttpMethod.Post, post.Method);
        Assert.True(post.Headers.Contains("Idempotency-Key"));
    }

    [Theory]
    [InlineData("abc", "dollars like 50")]
    [InlineData("-5", "dollars like 50")]
    [InlineData("1.234", "at most two decimals")]
    [InlineData("12.", "dollars like 50")]
    [InlineData("0", "smallest top-up is $5.00")]
    [InlineData("4.99", "smallest top-up is $5.00")]
    [InlineData("100000.01", "largest top-up is $100,000.00")]
    [InlineData("99999999999", "dollars like 50")]
    public async Task TopUp_ABadAmount_IsBadUsage_WithTheReason_AndSendsNothing(string amount, string reason)
    {
        var cli = await AcmeOwnerAsync();

        var run = await cli.RunAsync("top-up", amount);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Error);
        Assert.Equal("", run.Out);
        Assert.Empty(run.Requests);
        Assert.Empty(run.Opened);
    }

    [Fact]
    public async Task TopUpLimits_AreTheServersPurchaseRules()
    {
        Assert.Equal(BillingPortal.Domain.Payments.PurchaseRules.MinimumMicros, BillingPortal.Cli.Commands.TopUpCommand.MinimumMicros);
        Assert.Equal(BillingPortal.Domain.Payments.PurchaseRules.MaximumMicros, BillingPortal.Cli.Commands.TopUpCommand.MaximumMicros);
        // And the server agrees at the edges: $5 is accepted.
        var run = await (await AcmeOwnerAsync()).RunAsync("top-up", "5", "--no-browser");
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    [Fact]
    public async Task TopUp_WithAReadOnlyToken_IsRefused_WithTheServersReason()
    {
        var cli = await AcmeOwnerAsync(TokenScope.BillingRead);

        var run = await cli.RunAsync("top-up", "50");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("billing:read", run.Error);
        Assert.Equal("", run.Out);
        Assert.Empty(run.Opened);
    }

    [Fact]
    public async Task AddCard_PrintsThePage_AndOpensIt_UnlessToldNotTo()
    {
        var cli = await AcmeOwnerAsync();

        var opened = await cli.RunAsync(["add-card"], "", browserOpens: true);
        var flag = await cli.RunAsync("add-card", "--no-browser");
        cli.Environment["BILLING_NO_BROWSER"] = "1";
        var env = await cli.RunAsync("add-card");

        Assert.True(opened.ExitCode == 0, opened.ToString());
        var url = opened.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();
        Assert.StartsWith(fixture.BaseAddress.ToString(), url);
        Assert.Equal([url], opened.Opened);
        Assert.Equal("", opened.Error);
        Assert.Equal((0, 0), (flag.ExitCode, flag.Opened.Count));
        Assert.Equal((0, 0), (env.ExitCode, env.Opened.Count));
        Assert.Contains("/checkout/", flag.Out);
    }

    [Fact]
    public async Task ABrowserThatCannotOpen_IsANote_NotAFailure()
    {
        var run = await (await AcmeOwnerAsync()).RunAsync(["add-card"], "", browserOpens: false);

        Assert.Equal(0, run.ExitCode);
        Assert.Single(run.Opened);
        Assert.Contains("open the URL above", run.Error);
    }

    [Fact]
    public async Task Portal_WithLocalPayments_FailsWithTheServersReason()
    {
        var run = await (await AcmeOwnerAsync()).RunAsync("portal", "--json");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("no customer portal", run.Error);
        Assert.Equal("", run.Out);
        Assert.Empty(run.Opened);
    }
}
