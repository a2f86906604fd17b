using System.Net;
using System.Text.RegularExpressions;
using BillingPortal.Features.Demo;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Overview;

/// <summary>/billing through the real app: who gets the page, and that its figures are the database's.</summary>
// Who is refused /billing (and who is sent to log in) is one row of Api/AuthorizationMatrixTests.
public sealed class BillingOverviewPageHttpTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("owner@acme.test")]
    [InlineData("finance@acme.test")]
    public async Task OpenBilling_AsBillingReader_ShowsTheWalletBalance(string email)
    {
        var client = await app.Factory.LoginAsync(email);

        var response = await client.GetAsync("/billing", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var wallet = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Wallet!).SingleAsync(Ct);
        // Compared as digits, so the test does not depend on the server's culture.
        var cents = Math.Round(wallet.CreditBalanceMicros / 10_000m, MidpointRounding.AwayFromZero);
        Assert.Equal(cents.ToString("0"), Digits(TestIdText(html, "credit-balance")));
        Assert.Contains("Trial", TestIdText(html, "subscription-status"));
        Assert.Contains("data-testid=\"recent-activity\"", html);
    }

    // The first text inside the element that carries the test id, past any wrapping elements.
    private static string TestIdText(string html, string testId)
    {
        var match = Regex.Match(html, $"data-testid=\"{testId}\"[^>]*>(?:\\s*<[^>]+>)*\\s*([^<]+)<");
        Assert.True(match.Success, $"No element with data-testid={testId}.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));
}
