using System.Net;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.ApiKeys;

/// <summary>Who reaches <c>/workspace/api-keys</c> over real HTTP, as the demo users of Acme AI.</summary>
// Who is refused /workspace/api-keys (and who is sent to log in) is one row of Api/AuthorizationMatrixTests.
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
}
