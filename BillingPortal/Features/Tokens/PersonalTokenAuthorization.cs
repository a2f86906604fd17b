using BillingPortal.Domain.Tokens;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;

namespace BillingPortal.Features.Tokens;

/// <summary>The billing API's two policies: a personal token (never a cookie, never a metering key) with enough rights now.</summary>
public static class TokenPolicies
{
    public const string Read = "token:billing:read";
    public const string Manage = "token:billing:manage";
}

/// <summary>Met when the token's scope and its owner's current standing in the token's workspace both allow it.</summary>
public sealed class PersonalTokenRequirement(bool manage) : IAuthorizationRequirement
{
    public bool Manage { get; } = manage;
}

/// <summary>
/// Reads the owner's membership on every request (<see cref="WorkspaceDirectory"/> never caches), so a demotion or
/// removal takes the token's power away at once; <see cref="TokenRights"/> says what is left. The refusal's reason
/// goes to the 403 body.
/// </summary>
internal sealed class PersonalTokenAuthorization(WorkspaceDirectory directory) : AuthorizationHandler<PersonalTokenRequirement>
{
    public const string RefusalKey = "bp:token-refusal";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PersonalTokenRequirement requirement)
    {
        var caller = context.User;
        if (caller.Identity?.AuthenticationType != PersonalTokenClaims.Scheme)
            return;
        var access = await directory.FindAsync(caller.UserId(), caller.TokenWorkspace());
        var scope = caller.TokenScope();
        var effective = TokenRights.Effective(scope, access?.Role, access?.Permissions ?? Domain.WorkspacePermissions.None);
        string? refusal = (access, effective) switch
        {
            (null, _) => "The token's owner is no longer a member of its workspace.",
            (_, null) => $"The token's owner may no longer read the billing of {access.WorkspaceName}.",
            _ when requirement.Manage && scope != TokenScope.BillingManage => "This token's scope is billing:read; this needs a billing:manage token.",
            _ when requirement.Manage && effective != TokenScope.BillingManage => $"The token's owner may no longer manage the billing of {access.WorkspaceName}; the token can only read.",
            _ => null,
        };
        if (refusal is null)
            context.Succeed(requirement);
        else if (context.Resource is HttpContext http)
            http.Items[RefusalKey] = refusal;
    }
}
