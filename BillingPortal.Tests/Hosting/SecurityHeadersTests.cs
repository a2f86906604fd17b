using System.Net;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Hosting;

public sealed class SecurityHeadersTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/Account/Login", HttpStatusCode.OK)]
    [InlineData("/billing", HttpStatusCode.Redirect)]
    [InlineData("/api/v1/runs/authorize", HttpStatusCode.Unauthorized)]
    [InlineData("/favicon.png", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    public async Task AnyResponse_PageApiStaticOrError_CarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        using var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(path.StartsWith("/api", StringComparison.Ordinal) ? HttpMethod.Post : HttpMethod.Get, path);

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Single(response, "Referrer-Policy"));
        Assert.Contains("frame-ancestors 'none'", Single(response, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values
            : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues : []);
}
