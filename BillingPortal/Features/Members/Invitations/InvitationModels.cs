using BillingPortal.Domain;
using BillingPortal.Domain.Members;

namespace BillingPortal.Features.Members.Invitations;

/// <summary>What an Owner or Admin asks for: who to invite, and as what.</summary>
/// <param name="BillingRead">Grant <c>billing:read</c> on joining (for a Member or Viewer; Owner and Admin have it by role).</param>
public sealed record InviteRequest(string? Email, WorkspaceRole Role, bool BillingRead = false);

/// <summary>A pending invitation as the members page lists it.</summary>
/// <param name="IsExpired">Its link no longer works; inviting the address again sends a new one.</param>
/// <param name="RevokeRefusal">Why the viewing user can't revoke it; null when they can.</param>
public sealed record PendingInvitationRow(
    long Id, string Email, WorkspaceRole Role, bool BillingRead, string InvitedBy, DateTime ExpiresAt, bool IsExpired, string? RevokeRefusal);

/// <summary>An invitation as its link's page shows it to the signed-in user, or why it can't be used.</summary>
public sealed record InvitationView(InvitationRefusal Refusal, string Message, Guid? WorkspaceId, string? WorkspaceName, WorkspaceRole Role,
    bool BillingRead, string? InvitedBy, DateTime? ExpiresAt)
{
    public bool CanAccept => Refusal == InvitationRefusal.None;

    public static InvitationView Refused(InvitationRefusal refusal, string message, Guid? workspaceId = null) =>
        new(refusal, message, workspaceId, null, default, false, null, null);
}

/// <summary>What accepting did: the workspace joined, or why not (nothing was written then).</summary>
public sealed record AcceptResult(InvitationRefusal Refusal, string Message, Guid? WorkspaceId)
{
    public bool Succeeded => Refusal == InvitationRefusal.None;
}
