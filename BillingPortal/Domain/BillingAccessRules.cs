namespace BillingPortal.Domain;

/// <summary>Who may see and who may change a workspace's billing.</summary>
public static class BillingAccessRules
{
    /// <summary>Owner, Admin, or anyone holding <c>billing:read</c>.</summary>
    public static bool CanRead(WorkspaceRole role, WorkspacePermissions permissions) =>
        CanManage(role) || permissions.HasFlag(WorkspacePermissions.BillingRead);

    /// <summary>Buying credits, payment methods, auto top-up and plans: Owner and Admin only.</summary>
    public static bool CanManage(WorkspaceRole role) => role is WorkspaceRole.Owner or WorkspaceRole.Admin;
}
