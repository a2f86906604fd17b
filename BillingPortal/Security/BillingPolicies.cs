using BillingPortal.Domain;
using Microsoft.AspNetCore.Authorization;

namespace BillingPortal.Security;

/// <summary>The two billing policies, registered once and named everywhere by these constants.</summary>
public static class BillingPolicies
{
    public const string Read = "billing:read";
    public const string Manage = "billing:manage";
}

/// <summary>Met when the user's membership in the workspace being viewed grants the access.</summary>
public sealed class BillingRequirement(bool manage) : IAuthorizationRequirement
{
    public bool Manage { get; } = manage;

    public bool IsSatisfiedBy(WorkspaceAccess access) =>
        Manage ? BillingAccessRules.CanManage(access.Role) : BillingAccessRules.CanRead(access.Role, access.Permissions);
}
