using System.Net.Mail;

namespace BillingPortal.Domain;

/// <summary>The answer of a membership rule: allowed, or refused with a message a person can act on.</summary>
public readonly record struct RuleCheck(string? Refusal)
{
    public static RuleCheck Allowed => new(null);
    public bool IsAllowed => Refusal is null;
    public static RuleCheck Refuse(string message) => new(message);
}

/// <summary>
/// Who may change a workspace's members, and how. Owners and Admins manage members; an Admin
/// leaves Owners alone and makes no one Owner; a workspace always keeps at least one Owner.
/// </summary>
public static class MembershipRules
{
    /// <summary>Owner and Admin manage members.</summary>
    public static bool CanManageMembers(WorkspaceRole actor) => actor is WorkspaceRole.Owner or WorkspaceRole.Admin;

    /// <summary>The roles <paramref name="actor"/> may give: everything for an Owner, everything but Owner for an Admin.</summary>
    public static IReadOnlyList<WorkspaceRole> AssignableRoles(WorkspaceRole actor) => actor switch
    {
        WorkspaceRole.Owner => [WorkspaceRole.Owner, WorkspaceRole.Admin, WorkspaceRole.Member, WorkspaceRole.Viewer],
        WorkspaceRole.Admin => [WorkspaceRole.Admin, WorkspaceRole.Member, WorkspaceRole.Viewer],
        _ => [],
    };

    /// <summary>Whether <paramref name="actor"/> may change or remove a member who is <paramref name="target"/>.</summary>
    public static RuleCheck CanEdit(WorkspaceRole actor, WorkspaceRole target)
    {
        if (!CanManageMembers(actor))
            return RuleCheck.Refuse("Only Owners and Admins can manage members.");
        if (actor != WorkspaceRole.Owner && target == WorkspaceRole.Owner)
            return RuleCheck.Refuse("Only an Owner can change or remove an Owner.");
        return RuleCheck.Allowed;
    }

    /// <summary>Adding members at all: team workspaces only, by an Owner or Admin.</summary>
    public static RuleCheck CanAddMembers(WorkspaceRole actor, WorkspaceKind kind)
    {
        if (!CanManageMembers(actor))
            return RuleCheck.Refuse("Only Owners and Admins can manage members.");
        if (kind == WorkspaceKind.Personal)
            return RuleCheck.Refuse("A personal workspace has only its owner; members can be added to team workspaces.");
        return RuleCheck.Allowed;
    }

    /// <summary>Giving someone <paramref name="role"/>: a known role, and Owner only from an Owner.</summary>
    public static RuleCheck CanAssign(WorkspaceRole actor, WorkspaceRole role)
    {
        if (!Enum.IsDefined(role))
            return RuleCheck.Refuse("Choose a role: Owner, Admin, Member or Viewer.");
        if (role == WorkspaceRole.Owner && actor != WorkspaceRole.Owner)
            return RuleCheck.Refuse("Only an Owner can make someone an Owner.");
        return RuleCheck.Allowed;
    }

    /// <summary>A user belongs to a workspace once.</summary>
    public static RuleCheck CanAddUser(bool alreadyMember) =>
        alreadyMember ? RuleCheck.Refuse("This user is already a member of the workspace.") : RuleCheck.Allowed;

    /// <summary>Changing a member from <paramref name="current"/> to <paramref name="next"/>; <paramref name="owners"/> counts the workspace's Owners now.</summary>
    public static RuleCheck CanChangeRole(WorkspaceRole actor, WorkspaceRole current, WorkspaceRole next, int owners)
    {
        if (CanEdit(actor, current) is { IsAllowed: false } refused)
            return refused;
        if (CanAssign(actor, next) is { IsAllowed: false } notAssignable)
            return notAssignable;
        if (current == WorkspaceRole.Owner && next != WorkspaceRole.Owner && owners <= 1)
            return RuleCheck.Refuse("A workspace needs at least one Owner: make someone else Owner first.");
        return RuleCheck.Allowed;
    }

    /// <summary>Removing a member who is <paramref name="target"/>; <paramref name="owners"/> counts the workspace's Owners now.</summary>
    public static RuleCheck CanRemove(WorkspaceRole actor, WorkspaceRole target, int owners)
    {
        if (CanEdit(actor, target) is { IsAllowed: false } refused)
            return refused;
        if (target == WorkspaceRole.Owner && owners <= 1)
            return RuleCheck.Refuse("The last Owner can't be removed: make someone else Owner first.");
        return RuleCheck.Allowed;
    }

    /// <summary>Granting or revoking <c>billing:read</c>: only for Members and Viewers, since Owners and Admins have it by role.</summary>
    public static RuleCheck CanSetBillingRead(WorkspaceRole actor, WorkspaceRole target)
    {
        if (CanEdit(actor, target) is { IsAllowed: false } refused)
            return refused;
        if (BillingAccessRules.CanManage(target))
            return RuleCheck.Refuse($"An {target} already sees billing through the role; billing:read is for Members and Viewers.");
        return RuleCheck.Allowed;
    }

    /// <summary>
    /// The extra permissions a member keeps in a new role. Owner and Admin imply <c>billing:read</c>, so it is
    /// dropped there: a later demotion must not leave billing access nobody chose to grant.
    /// </summary>
    public static WorkspacePermissions PermissionsFor(WorkspaceRole role, WorkspacePermissions current) =>
        BillingAccessRules.CanManage(role) ? current & ~WorkspacePermissions.BillingRead : current;

    /// <summary>The trimmed address when <paramref name="input"/> is one plain e-mail address, else the refusal.</summary>
    public static (string? Email, RuleCheck Check) ParseEmail(string? input)
    {
        var email = input?.Trim();
        if (string.IsNullOrEmpty(email))
            return (null, RuleCheck.Refuse("Enter the e-mail address to send the invitation to."));
        // MailAddress also accepts "Name <a@b>" forms; only the bare address is an e-mail here.
        if (email.Length > 256 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !parsed.Host.Contains('.', StringComparison.Ordinal))
            return (null, RuleCheck.Refuse($"\"{email}\" is not a valid e-mail address."));
        return (email, RuleCheck.Allowed);
    }
}
