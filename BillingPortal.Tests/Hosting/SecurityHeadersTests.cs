using System.Net;
using System.Text.RegularExpressions;
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

    [Fact]
    public async Task ContentSecurityPolicy_RunsOnlyThisSitesScripts_AndSendsFormsOnlyHere()
    {
        using var client = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        using var response = await client.GetAsync("/Account/Login", Ct);
        var directives = Single(response, "Content-Security-Policy").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);

        Assert.Equal("default-src 'self'", directives["default-src"]);
        // Neither 'unsafe-inline' nor 'unsafe-eval' nor any other host: an injected <script> or onclick= does not run.
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("connect-src 'self'", directives["connect-src"]);
        Assert.Equal("form-action 'self'", directives["form-action"]);
        Assert.Equal("base-uri 'self'", directives["base-uri"]);
        Assert.Equal("object-src 'none'", directives["object-src"]);
        Assert.Equal("frame-ancestors 'none'", directives["frame-ancestors"]);
        Assert.Equal("img-src 'self' data:", directives["img-src"]);
    }

    /// <summary>What script-src 'self' would refuse: an inline script (an import map too) or an on...= attribute.</summary>
    [Theory]
    [InlineData("/Account/Login", null)]
    [InlineData("/Account/Register", null)]
    [InlineData("/", "owner@acme.test")]
    [InlineData("/billing", "owner@acme.test")]
    [InlineData("/billing/usage", "owner@acme.test")]
    [InlineData("/billing/credits", "owner@acme.test")]
    [InlineData("/billing/plans", "owner@acme.test")]
    [InlineData("/workspace/members", "owner@acme.test")]
    [InlineData("/Account/Manage", "owner@acme.test")]
    [InlineData("/billing", "member@acme.test")]
    public async Task Page_HasNoInlineScript_NorEventHandlerAttribute(string path, string? email)
    {
        var client = email is null ? app.Factory.CreateBrowserlikeClient() : await app.Factory.LoginAsync(email);

        var html = await (await client.GetAsync(path, Ct)).Content.ReadAsStringAsync(Ct);

        Assert.Contains("<script", html, StringComparison.Ordinal);
        var inline = Regex.Matches(html, @"<script\b(?![^>]*\bsrc=)[^>]*>", RegexOptions.IgnoreCase).Select(m => m.Value).ToList();
        Assert.True(inline.Count == 0, $"{path}: inline scripts {string.Join(", ", inline)}");
        var handlers = Regex.Matches(html, @"<[a-z][^>]*\son[a-z]+\s*=[^>]*>", RegexOptions.IgnoreCase).Select(m => m.Value).ToList();
        Assert.True(handlers.Count == 0, $"{path}: event handler attributes {string.Join(", ", handlers)}");
    }

    private static string Single(HttpResponseMessage response, string name) =>
        Assert.Single(response.Headers.TryGetValues(name, out var values) ? values
            : response.Content.Headers.TryGetValues(name, out var contentValues) ? contentValues : []);
}
