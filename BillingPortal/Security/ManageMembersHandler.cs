using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace BillingPortal.Security;

/// <summary>
/// Owner or Admin of the workspace being viewed: the one the resource names (see <see cref="WorkspaceResource"/>),
/// else the user's current one.
/// </summary>
internal sealed class ManageMembersHandler(WorkspaceDirectory directory) : AuthorizationHandler<ManageMembersRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ManageMembersRequirement requirement)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            return;
        if (await WorkspaceResource.ResolveAsync(directory, userId, context.Resource) is { CanManageMembers: true })
            context.Succeed(requirement);
    }
}
