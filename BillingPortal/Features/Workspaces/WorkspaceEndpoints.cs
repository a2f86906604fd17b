using BillingPortal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingPortal.Features.Workspaces;

public static class WorkspaceEndpoints
{
    public static IEndpointRouteBuilder MapWorkspaceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/workspaces").RequireAuthorization();
        group.MapGet("/select/{workspaceId:guid}", SelectAsync);
        return app;
    }

    /// <summary>Switches the signed-in user's current workspace; only to one they belong to.</summary>
    private static async Task<Results<RedirectHttpResult, ForbidHttpResult>> SelectAsync(
        Guid workspaceId, string? returnUrl, HttpContext http, WorkspaceDirectory directory, CancellationToken ct)
    {
        if (!await directory.SelectAsync(http.User.UserId(), workspaceId, ct))
            return TypedResults.Forbid();
        return TypedResults.LocalRedirect(LocalPathOrRoot(returnUrl));
    }

    /// <summary>
    /// <paramref name="url"/> when it is a path on this site, else "/": never an open redirect. Browsers read
    /// "//host", "/\host" and paths with tabs or newlines (which they strip) as another site.
    /// </summary>
    internal static string LocalPathOrRoot(string? url) =>
        url is ['/', ..] && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl) ? url : "/";
}
