namespace BillingPortal.Hosting;

/// <summary>The headers every response carries, and HTTPS outside Development and the tests.</summary>
public static class SecurityHeadersHosting
{
    /// <summary>The environment the test suite runs the app in; it speaks plain HTTP to an in-memory server.</summary>
    public const string TestingEnvironment = "Testing";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment() && !app.Environment.IsEnvironment(TestingEnvironment))
        {
            app.UseHsts();
            // Without a known HTTPS port (no HTTPS endpoint, no ASPNETCORE_HTTPS_PORT) this only logs a warning.
            app.UseHttpsRedirection();
        }
        app.Use((http, next) =>
        {
            // Set before the response starts, so pages, APIs, static files and error statuses all carry them.
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            // No other site may frame a page (clickjacking of the money buttons).
            headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            headers.XFrameOptions = "DENY";
            return next(http);
        });
        return app;
    }

    /// <summary>Blazor would add its own <c>frame-ancestors 'self'</c> policy to pages; the one above covers every response.</summary>
    public static void FrameAncestorsFromHeaders(Microsoft.AspNetCore.Components.Server.ServerComponentsEndpointOptions options) =>
        options.ContentSecurityFrameAncestorsPolicy = null;
}
