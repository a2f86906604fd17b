namespace BillingPortal.Domain.Members;

/// <summary>Why an invitation link can't be used; <see cref="None"/> when it can.</summary>
public enum InvitationRefusal
{
    None,
    /// <summary>No invitation has this token: mistyped, or replaced by a newer invitation to the same address.</summary>
    Unknown,
    Revoked,
    AlreadyUsed,
    Expired,
    /// <summary>The signed-in user's address is not the invited one, or not confirmed.</summary>
    AddressMismatch,
    AlreadyMember,
}

/// <summary>The signed-in user opening an invitation, as the database knows them.</summary>
/// <param name="NormalizedEmail">Their address as Identity normalises it.</param>
/// <param name="EmailConfirmed">They followed the link mailed to that address.</param>
/// <param name="AlreadyMember">They already belong to the invitation's workspace.</param>
public sealed record Invitee(string? NormalizedEmail, bool EmailConfirmed, bool AlreadyMember);

/// <summary>
/// Who may use an invitation: only a signed-in user who proved the invited address, once, within
/// <see cref="Lifetime"/>. Adding people by an unproven address let anyone who registered it first walk in.
/// </summary>
public static class InvitationRules
{
    /// <summary>How long a link works after it was sent.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>Whether the invitation itself can still be used at <paramref name="now"/>, whoever holds it.</summary>
    public static InvitationRefusal CanUse(WorkspaceInvitation? invitation, DateTime now) => invitation switch
    {
        null => InvitationRefusal.Unknown,
        { RevokedAt: not null } => InvitationRefusal.Revoked,
        { AcceptedAt: not null } => InvitationRefusal.AlreadyUsed,
        _ when now >= invitation.ExpiresAt => InvitationRefusal.Expired,
        _ => InvitationRefusal.None,
    };

    /// <summary>Whether <paramref name="invitee"/> may accept the invitation at <paramref name="now"/>.</summary>
    public static InvitationRefusal CanAccept(WorkspaceInvitation? invitation, Invitee invitee, DateTime now)
    {
        if (CanUse(invitation, now) is not InvitationRefusal.None and var refused)
            return refused;
        // An unconfirmed address proves nothing: it is refused exactly like another address.
        if (!invitee.EmailConfirmed || invitee.NormalizedEmail is null
            || !string.Equals(invitee.NormalizedEmail, invitation!.NormalizedEmail, StringComparison.Ordinal))
            return InvitationRefusal.AddressMismatch;
        return invitee.AlreadyMember ? InvitationRefusal.AlreadyMember : InvitationRefusal.None;
    }

    /// <summary>What a person is told; <paramref name="invitedEmail"/> appears only masked.</summary>
    public static string Describe(InvitationRefusal refusal, string? invitedEmail = null) => refusal switch
    {
        InvitationRefusal.None => "",
        InvitationRefusal.Unknown => "This invitation link is not valid. It may have been replaced by a newer invitation: use the link in the latest e-mail, or ask for a new one.",
        InvitationRefusal.Revoked => "This invitation was withdrawn. Ask the workspace's Owner or Admin for a new one.",
        InvitationRefusal.AlreadyUsed => "This invitation has already been used. Each invitation link works once.",
        InvitationRefusal.Expired => $"This invitation has expired: links work for {Lifetime.Days} days. Ask the workspace's Owner or Admin to send it again.",
        InvitationRefusal.AddressMismatch => invitedEmail is null
            ? "This invitation was sent to another address. Sign in with the address it was sent to (confirmed) to accept it."
            : $"This invitation was sent to another address ({Mask(invitedEmail)}). Sign in with that address, once it is confirmed, to accept it.",
        InvitationRefusal.AlreadyMember => "You are already a member of this workspace.",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal)),
    };

    /// <summary>"newhire@acme.test" as "n…@acme.test": enough to recognise, not enough to learn it.</summary>
    public static string Mask(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 ? "…" : $"{email[0]}…{email[at..]}";
    }

    /// <summary>Inviting <paramref name="role"/> into a workspace of <paramref name="kind"/>: as adding a member would be.</summary>
    public static RuleCheck CanInvite(WorkspaceRole actor, WorkspaceKind kind, WorkspaceRole role)
    {
        if (MembershipRules.CanAddMembers(actor, kind) is { IsAllowed: false } closed)
            return closed;
        return MembershipRules.CanAssign(actor, role);
    }

    /// <summary>Re-sending or revoking a pending invitation for <paramref name="invitedRole"/>: an Admin leaves Owner invitations alone.</summary>
    public static RuleCheck CanChange(WorkspaceRole actor, WorkspaceRole invitedRole)
    {
        if (!MembershipRules.CanManageMembers(actor))
            return RuleCheck.Refuse("Only Owners and Admins can manage members.");
        if (actor != WorkspaceRole.Owner && invitedRole == WorkspaceRole.Owner)
            return RuleCheck.Refuse("Only an Owner can change or revoke an invitation to be Owner.");
        return RuleCheck.Allowed;
    }
}
