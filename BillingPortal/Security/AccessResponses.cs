using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace BillingPortal.Security;

/// <summary>
/// What a refused request gets. APIs: 401/403 problem+json, never a redirect. Pages: a redirect to
/// the login page when anonymous, and a 403 status with the access-denied page when signed in.
/// </summary>
internal static class AccessResponses
{
    public static Task OnRedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (IsApi(context.Request))
            return WriteProblem(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign in to use this endpoint.");
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    public static Task OnRedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (IsApi(context.Request))
            return WriteProblem(context.HttpContext, StatusCodes.Status403Forbidden, "Your role in this workspace does not allow this.");
        // The status-code pages middleware re-executes the access-denied page with this status.
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task WriteProblem(HttpContext http, int status, string detail) =>
        Results.Problem(statusCode: status, detail: detail).ExecuteAsync(http);
}
