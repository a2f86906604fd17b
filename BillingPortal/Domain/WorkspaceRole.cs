namespace BillingPortal.Domain;

/// <summary>A member's role in one workspace. Billing rights follow from it (see <see cref="BillingAccessRules"/>).</summary>
public enum WorkspaceRole
{
    Viewer = 0,
    Member = 1,
    Admin = 2,
    Owner = 3,
}

/// <summary>Extra rights granted to a member on top of the role.</summary>
[Flags]
public enum WorkspacePermissions
{
    None = 0,
    /// <summary>The <c>billing:read</c> permission: sees Billing read-only, whatever the role.</summary>
    BillingRead = 1,
}

public enum WorkspaceKind
{
    /// <summary>An individual account: every user has exactly one, of which they are the Owner.</summary>
    Personal = 0,
    /// <summary>An organisation with its own wallet and several members.</summary>
    Team = 1,
}
