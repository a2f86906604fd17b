using System.Security.Claims;
using BillingPortal.Components.Account;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Domain.Members;
using BillingPortal.Features.Members.Membership;
using BillingPortal.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Members.Invitations;

/// <summary>
/// How Owners and Admins bring people in: an invitation e-mailed to the address, which only a signed-in user who proved
/// that address can accept (<see cref="InvitationAcceptance"/>). Nobody is added directly, even when an account with the
/// address exists: an address typed here proves nothing about who holds the account.
/// </summary>
public sealed class InvitationService(
    MembershipWrite write, IDbContextFactory<BillingDbContext> dbFactory, ILookupNormalizer normalizer, TimeProvider clock, OutboxEmailSender outbox)
{
    /// <summary>The workspace's pending invitations, newest first, or null when <paramref name="user"/> may not manage members.</summary>
    public async Task<IReadOnlyList<PendingInvitationRow>?> ListPendingAsync(ClaimsPrincipal user, Guid workspaceId, CancellationToken ct = default)
    {
        if (!await write.MayManageAsync(user, workspaceId))
            return null;
        var userId = user.UserId();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var you = await db.WorkspaceMembers.Where(m => m.WorkspaceId == workspaceId && m.UserId == userId).Select(m => m.Role).SingleAsync(ct);
        var rows = await db.WorkspaceInvitations.AsNoTracking()
            .Where(i => i.WorkspaceId == workspaceId && i.AcceptedAt == null && i.RevokedAt == null)
            .GroupJoin(db.Users, i => i.InvitedByUserId, u => u.Id, (i, inviters) => new { Invitation = i, inviters })
            .SelectMany(x => x.inviters.DefaultIfEmpty(), (x, u) => new { x.Invitation, InvitedBy = u != null ? u.Email : null })
            .ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. rows
            .OrderByDescending(r => r.Invitation.CreatedAt).ThenBy(r => r.Invitation.Email, StringComparer.OrdinalIgnoreCase)
            .Select(r => new PendingInvitationRow(
                r.Invitation.Id, r.Invitation.Email, r.Invitation.Role, r.Invitation.Permissions.HasFlag(WorkspacePermissions.BillingRead),
                r.InvitedBy ?? "A former member", r.Invitation.ExpiresAt,
                IsExpired: InvitationRules.CanUse(r.Invitation, now) == InvitationRefusal.Expired,
                RevokeRefusal: InvitationRules.CanChange(you, r.Invitation.Role).Refusal))];
    }

    /// <summary>
    /// Invites <see cref="InviteRequest.Email"/> as <see cref="InviteRequest.Role"/> and mails the link (absolute, on
    /// <paramref name="siteBase"/>). Inviting an address with a pending invitation re-sends it: new link, new expiry, and
    /// the earlier link stops working.
    /// </summary>
    public async Task<MemberResult> InviteAsync(ClaimsPrincipal user, Guid workspaceId, InviteRequest request, Uri siteBase, CancellationToken ct = default)
    {
        if (!siteBase.IsAbsoluteUri)
            throw new ArgumentException("The invitation link needs the site's absolute address.", nameof(siteBase));
        var (token, hash) = InvitationTokens.New();
        Mail? mail = null;
        var result = await write.RunAsync(user, workspaceId, async (db, actor, kind) =>
        {
            if (InvitationRules.CanInvite(actor.Role, kind, request.Role) is { IsAllowed: false } refused)
                return MemberResult.Refused(refused.Refusal!, kind == WorkspaceKind.Personal ? MemberField.None : MemberField.Role);
            var (address, emailCheck) = MembershipRules.ParseEmail(request.Email);
            if (address is null)
                return MemberResult.Refused(emailCheck.Refusal!, MemberField.Email);
            var normalized = normalizer.NormalizeEmail(address);

            var already = await db.WorkspaceMembers.Where(m => m.WorkspaceId == workspaceId)
                .Join(db.Users, m => m.UserId, u => u.Id, (_, u) => u.NormalizedEmail).AnyAsync(e => e == normalized, ct);
            if (already)
                return MemberResult.Refused($"{address} is already a member of this workspace.", MemberField.Email);

            var permissions = request.BillingRead ? WorkspacePermissions.BillingRead : WorkspacePermissions.None;
            var now = clock.GetUtcNow().UtcDateTime;
            var pending = await db.WorkspaceInvitations.SingleOrDefaultAsync(
                i => i.WorkspaceId == workspaceId && i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null, ct);
            string done;
            if (pending is null)
            {
                pending = WorkspaceInvitation.Create(workspaceId, address, normalized, request.Role, permissions, hash, actor.UserId, now);
                db.WorkspaceInvitations.Add(pending);
                done = $"Invitation sent to {address} as {request.Role}.";
            }
            else
            {
                if (InvitationRules.CanChange(actor.Role, pending.Role) is { IsAllowed: false } notYours)
                    return MemberResult.Refused(notYours.Refusal!, MemberField.Email);
                pending.Resend(request.Role, permissions, hash, actor.UserId, now);
                done = $"Invitation re-sent to {pending.Email} as {request.Role}; the earlier link no longer works.";
            }
            // Saved inside the unit (not yet committed) so the record can name the invitation's id.
            await db.SaveChangesAsync(ct);

            var workspace = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).SingleAsync(ct);
            var inviter = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email).SingleAsync(ct);
            mail = new Mail(pending.Email, InvitationEmail.Subject(workspace),
                InvitationEmail.Body(inviter ?? "A workspace admin", workspace, request.Role, pending.Email, InvitationEmail.Link(siteBase, token), pending.ExpiresAt));
            return MemberResult.Done(done) with
            {
                Audit = new AuditChange(workspaceId, AuditActions.InvitationSent, pending.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    pending.Email, null, InvitationSnapshot(pending)),
            };
        }, ct);

        // Sent once the invitation is stored, outside the workspace's lock; if sending fails, inviting again re-sends.
        if (result.Succeeded && mail is not null)
            await outbox.SendAsync(mail.To, mail.Subject, mail.HtmlBody);
        return result;
    }

    /// <summary>Withdraws a pending invitation of this workspace: its link stops working.</summary>
    public Task<MemberResult> RevokeAsync(ClaimsPrincipal user, Guid workspaceId, long invitationId, CancellationToken ct = default) =>
        write.RunAsync(user, workspaceId, async (db, actor, _) =>
        {
            // Scoped to the workspace: an invitation id from another workspace is simply not found.
            var invitation = await db.WorkspaceInvitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.WorkspaceId == workspaceId, ct);
            if (invitation is null)
                return MemberResult.Refused("That invitation is no longer pending.");
            if (InvitationRules.CanChange(actor.Role, invitation.Role) is { IsAllowed: false } refused)
                return MemberResult.Refused(refused.Refusal!);
            if (invitation.Revoke(clock.GetUtcNow().UtcDateTime) is { IsAllowed: false } ended)
                return MemberResult.Refused(ended.Refusal!);
            return MemberResult.Done($"The invitation to {invitation.Email} was revoked; its link no longer works.") with
            {
                Audit = new AuditChange(workspaceId, AuditActions.InvitationRevoked, invitation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    invitation.Email, InvitationSnapshot(invitation), null),
            };
        }, ct);

    /// <summary>An invitation as the audit trail records it (never its token).</summary>
    internal static Dictionary<string, object?> InvitationSnapshot(WorkspaceInvitation invitation) => new()
    {
        ["email"] = invitation.Email,
        ["role"] = invitation.Role.ToString(),
        ["billingRead"] = invitation.Permissions.HasFlag(WorkspacePermissions.BillingRead),
    };

    private sealed record Mail(string To, string Subject, string HtmlBody);
}
