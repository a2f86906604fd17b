using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace BillingPortal.Security;

/// <summary>Owner or Admin of the workspace being viewed (the user's current one, or the one given as resource).</summary>
internal sealed class ManageMembersHandler(WorkspaceDirectory directory) : AuthorizationHandler<ManageMembersRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ManageMembersRequirement requirement)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            return;
        var access = context.Resource is Guid id ? await directory.FindAsync(userId, id) : await directory.ResolveCurrentAsync(userId);
        if (access?.CanManageMembers == true)
            context.Succeed(requirement);
    }
}
