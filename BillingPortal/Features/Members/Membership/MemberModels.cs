using BillingPortal.Domain;

namespace BillingPortal.Features.Members.Membership;

/// <summary>One member as the members page shows it.</summary>
/// <param name="HasBillingRead">Sees billing read-only: granted <c>billing:read</c>, or implied by an Owner or Admin role.</param>
/// <param name="BillingReadImplied">The role already includes billing, so the switch is not for this member.</param>
/// <param name="CanEdit">The viewing user may change this member at all (an Admin may not touch an Owner).</param>
/// <param name="CanChangeRole">Some other role is allowed now (not for the last Owner).</param>
/// <param name="RemoveRefusal">Why the viewing user can't remove this member now; null when they can.</param>
public sealed record MemberRow(
    long MemberId, string Email, WorkspaceRole Role, bool HasBillingRead, bool BillingReadImplied, DateTime JoinedAt, bool IsYou,
    bool CanEdit, bool CanChangeRole, string? RemoveRefusal);

/// <summary>A workspace's members, and what the viewing user may do with them.</summary>
public sealed record MemberRoster(
    Guid WorkspaceId, string WorkspaceName, WorkspaceKind Kind, WorkspaceRole YourRole,
    IReadOnlyList<WorkspaceRole> AssignableRoles, IReadOnlyList<MemberRow> Members)
{
    public bool CanAddMembers => MembershipRules.CanAddMembers(YourRole, Kind).IsAllowed;
}

/// <summary>Which input a refusal is about, so a form can show it next to that field.</summary>
public enum MemberField
{
    None,
    Email,
    Role,
}

/// <summary>What a member change did: a confirmation to show, or the refusal and the field it concerns.</summary>
public sealed record MemberResult(bool Succeeded, string Message, MemberField Field = MemberField.None)
{
    /// <summary>What a successful change records in the audit trail (<see cref="MembershipWrite"/> adds it to the same unit).</summary>
    public BillingPortal.Domain.Audit.AuditChange? Audit { get; init; }

    public static MemberResult Done(string message) => new(true, message);
    public static MemberResult Refused(string message, MemberField field = MemberField.None) => new(false, message, field);
}
