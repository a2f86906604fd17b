namespace BillingPortal.Hosting;

/// <summary>The headers every response carries, and HTTPS outside Development and the tests.</summary>
public static class SecurityHeadersHosting
{
    /// <summary>The environment the test suite runs the app in; it speaks plain HTTP to an in-memory server.</summary>
    public const string TestingEnvironment = "Testing";

    /// <summary>
    /// Only this site's own files run as script: no inline script, no eval, no plugins, no foreign form targets.
    /// Styles allow inline because MudBlazor writes style attributes and its theme's &lt;style&gt; element, and
    /// ApexCharts adds its own stylesheet. 'self' in connect-src covers the circuit's same-origin WebSocket (CSP 3).
    /// docs/operations.md lists what each part allows and why.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment(TestingEnvironment))
        {
            app.UseHsts();
            // Without a known HTTPS port (no HTTPS endpoint, no ASPNETCORE_HTTPS_PORT) this only logs a warning.
            app.UseHttpsRedirection();
        }
        // dotnet watch's browser refresh talks to its own WebSocket port on localhost.
        var policy = app.Environment.IsDevelopment()
            ? ContentSecurityPolicy.Replace("connect-src 'self'", "connect-src 'self' ws://localhost:* wss://localhost:*", StringComparison.Ordinal)
            : ContentSecurityPolicy;
        app.Use((http, next) =>
        {
            // Set before the response starts, so pages, APIs, static files and error statuses all carry them.
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            // frame-ancestors 'none': no other site may frame a page (clickjacking of the money buttons).
            headers.ContentSecurityPolicy = policy;
            headers.XFrameOptions = "DENY";
            return next(http);
        });
        return app;
    }

    /// <summary>Blazor would add its own <c>frame-ancestors 'self'</c> policy to pages; the one above covers every response.</summary>
    public static void FrameAncestorsFromHeaders(Microsoft.AspNetCore.Components.Server.ServerComponentsEndpointOptions options) =>
        options.ContentSecurityFrameAncestorsPolicy = null;
}
