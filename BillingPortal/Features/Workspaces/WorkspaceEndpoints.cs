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
        // Only a local path: never an open redirect.
        var target = returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
        return TypedResults.LocalRedirect(target);
    }
}
