using System.Net;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BillingPortal.Tests.Hosting;

/// <summary>
/// Development validates the container when it builds (a singleton may not hold a scoped service); the test
/// environment does not, so this runs the app that strictly once, or `dotnet run` can break unseen.
/// </summary>
public sealed class ServiceScopeValidationTests
{
    [Fact]
    public async Task TheApp_BuildsUnderDevelopmentsScopeValidation_AndAnswersASignIn()
    {
        await using var factory = new BillingAppFactory();
        await using var strict = factory.WithWebHostBuilder(b =>
            b.UseDefaultServiceProvider(o => { o.ValidateScopes = true; o.ValidateOnBuild = true; }));
        var client = strict.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        var response = await BillingAppFactory.PostLoginAsync(client, "nobody@example.test", "Wrong!2345");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Invalid login attempt", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
