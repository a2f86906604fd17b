using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;

namespace BillingPortal.Security;

/// <summary>
/// Checks a billing requirement against the user's membership in the workspace being viewed.
/// The workspace comes from the resource when one is given (see <see cref="WorkspaceResource"/>:
/// strict, a non-member is refused), otherwise it is the user's current one.
/// </summary>
internal sealed class BillingAuthorizationHandler(WorkspaceDirectory directory) : AuthorizationHandler<BillingRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, BillingRequirement requirement)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            return;
        if (await WorkspaceResource.ResolveAsync(directory, userId, context.Resource) is { } access && requirement.IsSatisfiedBy(access))
            context.Succeed(requirement);
    }
}
