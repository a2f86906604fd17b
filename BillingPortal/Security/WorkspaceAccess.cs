using BillingPortal.Domain;

namespace BillingPortal.Security;

/// <summary>One user's standing in one workspace, as read from the database for this request.</summary>
public sealed record WorkspaceAccess(Guid WorkspaceId, string WorkspaceName, WorkspaceKind Kind, WorkspaceRole Role, WorkspacePermissions Permissions)
{
    public bool CanReadBilling => BillingAccessRules.CanRead(Role, Permissions);
    public bool CanManageBilling => BillingAccessRules.CanManage(Role);
    public bool CanManageMembers => MembershipRules.CanManageMembers(Role);
}
