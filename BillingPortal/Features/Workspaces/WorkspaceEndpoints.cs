using BillingPortal.Components.Account;
using BillingPortal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingPortal.Features.Workspaces;

public static class WorkspaceEndpoints
{
    public static IEndpointRouteBuilder MapWorkspaceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/workspaces").RequireAuthorization().ExcludeFromDescription(); // a form post of the UI, not the API
        // A POST with the antiforgery token: a GET could be fired by a link or an <img> on another site.
        group.MapPost("/select/{workspaceId:guid}", SelectAsync).RequireAntiforgeryToken();
        return app;
    }

    /// <summary>Switches the signed-in user's current workspace; only to one they belong to.</summary>
    private static async Task<Results<RedirectHttpResult, ForbidHttpResult>> SelectAsync(
        Guid workspaceId, HttpContext http, WorkspaceDirectory directory, CancellationToken ct)
    {
        if (!await directory.SelectAsync(http.User.UserId(), workspaceId, ct))
            return TypedResults.Forbid();
        // The antiforgery filter has read the form already (its token is a form field); a token sent as a header
        // comes without a form.
        string? returnUrl = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(ct))["returnUrl"].ToString() : null;
        return TypedResults.LocalRedirect(LocalPathOrRoot(returnUrl));
    }

    /// <summary>
    /// <paramref name="url"/> when it is a path on this site, else "/": never an open redirect. Browsers read
    /// "//host", "/\host" and paths with tabs or newlines (which they strip) as another site.
    /// </summary>
    internal static string LocalPathOrRoot(string? url) =>
        url is ['/', ..] && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl) ? url : "/";
}
