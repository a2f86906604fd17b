namespace BillingPortal.Domain.Members;

/// <summary>
/// An invitation to join a workspace, sent to one e-mail address. Only the SHA-256 hash of its link's token is stored,
/// so reading the database is not enough to accept it. Pending until accepted or revoked; re-sending a pending one
/// gives it a new token and expiry, which ends the old link.
/// </summary>
public sealed class WorkspaceInvitation
{
    private WorkspaceInvitation() { }

    public long Id { get; private set; }
    public Guid WorkspaceId { get; private set; }
    /// <summary>The address as the inviter typed it (trimmed), for display.</summary>
    public string Email { get; private set; } = "";
    /// <summary>The address as Identity normalises it: what an accepting user's confirmed address must equal.</summary>
    public string NormalizedEmail { get; private set; } = "";
    public WorkspaceRole Role { get; private set; }
    public WorkspacePermissions Permissions { get; private set; }
    /// <summary>Lower-case hex SHA-256 of the link's 32 random bytes.</summary>
    public string TokenHash { get; private set; } = "";
    public string InvitedByUserId { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public string? AcceptedByUserId { get; private set; }
    public DateTime? RevokedAt { get; private set; }

    /// <summary>Neither accepted nor revoked (it may have expired: re-sending revives it).</summary>
    public bool IsPending => AcceptedAt is null && RevokedAt is null;

    public static WorkspaceInvitation Create(Guid workspaceId, string email, string normalizedEmail, WorkspaceRole role,
        WorkspacePermissions permissions, string tokenHash, string invitedByUserId, DateTime now)
    {
        var invitation = new WorkspaceInvitation { WorkspaceId = workspaceId, Email = email, NormalizedEmail = normalizedEmail };
        invitation.Resend(role, permissions, tokenHash, invitedByUserId, now);
        return invitation;
    }

    /// <summary>A new link (the old one stops working), a new expiry, and the role and permissions asked for now.</summary>
    public void Resend(WorkspaceRole role, WorkspacePermissions permissions, string tokenHash, string invitedByUserId, DateTime now)
    {
        if (!IsPending)
            throw new InvalidOperationException("Only a pending invitation can be sent again.");
        Role = role;
        Permissions = MembershipRules.PermissionsFor(role, permissions);
        TokenHash = tokenHash;
        InvitedByUserId = invitedByUserId;
        CreatedAt = now;
        ExpiresAt = now + InvitationRules.Lifetime;
    }

    /// <summary>Marks the invitation used by <paramref name="userId"/>, or says why <paramref name="invitee"/> may not use it.</summary>
    public InvitationRefusal Accept(string userId, Invitee invitee, DateTime now)
    {
        var refusal = InvitationRules.CanAccept(this, invitee, now);
        if (refusal == InvitationRefusal.None)
            (AcceptedAt, AcceptedByUserId) = (now, userId);
        return refusal;
    }

    /// <summary>Ends a pending invitation: its link stops working.</summary>
    public RuleCheck Revoke(DateTime now)
    {
        if (!IsPending)
            return RuleCheck.Refuse(AcceptedAt is null ? "This invitation was already revoked." : "This invitation was already accepted.");
        RevokedAt = now;
        return RuleCheck.Allowed;
    }
}
