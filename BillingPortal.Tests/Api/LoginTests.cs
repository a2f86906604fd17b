using System.Net;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Api;

public sealed class LoginTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    [Fact]
    public async Task Login_WithDemoPassword_RedirectsAndSignsIn()
    {
        var client = await app.Factory.LoginAsync("owner@acme.test");
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("Acme AI", home);
    }

    [Fact]
    public async Task Login_WithWrongPassword_StaysOnLoginWithError()
    {
        var client = app.Factory.CreateBrowserlikeClient();
        var response = await BillingAppFactory.PostLoginAsync(client, "admin@acme.test", "not-the-password");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Invalid login attempt", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
