using System.Net;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.ApiKeys;

/// <summary>Who reaches <c>/workspace/api-keys</c> over real HTTP, as the demo users of Acme AI.</summary>
public sealed class ApiKeysPageTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("owner@acme.test")]
    [InlineData("admin@acme.test")]
    public async Task OwnerOrAdmin_SeesTheKeysPage_WithCreateButtonAndCurlHint(string email)
    {
        var client = await app.Factory.LoginAsync(email);

        var response = await client.GetAsync("/workspace/api-keys", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Create key", html);
        Assert.Contains("api/v1/runs/authorize", html);
        Assert.Contains("Authorization: Bearer &lt;your key&gt;", html);
    }

    [Theory]
    [InlineData("finance@acme.test")]
    [InlineData("member@acme.test")]
    [InlineData("viewer@acme.test")]
    public async Task FinanceMemberOrViewer_IsRefusedWith403(string email)
    {
        var client = await app.Factory.LoginAsync(email);

        var response = await client.GetAsync("/workspace/api-keys", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("Access denied", body);
        Assert.DoesNotContain("Create key", body);
    }

    [Fact]
    public async Task Anonymous_IsRedirectedToLogin()
    {
        var response = await app.Factory.CreateBrowserlikeClient().GetAsync("/workspace/api-keys", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Contains("ReturnUrl=%2Fworkspace%2Fapi-keys", response.Headers.Location.Query, StringComparison.Ordinal);
    }
}
