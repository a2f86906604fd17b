using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace BillingPortal.Security;

/// <summary>
/// Checks a billing requirement against the user's membership in the workspace being viewed.
/// The workspace comes from the resource when one is given (a workspace id, or a request whose
/// route names <c>workspaceId</c>: strict, a non-member is refused), otherwise it is the user's current one.
/// </summary>
internal sealed class BillingAuthorizationHandler(WorkspaceDirectory directory) : AuthorizationHandler<BillingRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, BillingRequirement requirement)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            return;

        var access = ExplicitWorkspace(context.Resource) switch
        {
            { } id when id == Guid.Empty => null,
            { } id => await directory.FindAsync(userId, id),
            null => await directory.ResolveCurrentAsync(userId),
        };
        if (access is not null && requirement.IsSatisfiedBy(access))
            context.Succeed(requirement);
    }

    /// <summary>The workspace the resource names; <see cref="Guid.Empty"/> when it names one that cannot exist.</summary>
    private static Guid? ExplicitWorkspace(object? resource) => resource switch
    {
        Guid id => id,
        WorkspaceAccess access => access.WorkspaceId,
        HttpContext http when http.GetRouteValue("workspaceId") is { } value =>
            Guid.TryParse(value.ToString(), out var id) ? id : Guid.Empty,
        _ => null,
    };
}
