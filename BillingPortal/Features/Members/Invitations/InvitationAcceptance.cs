using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Activity;
using BillingPortal.Domain.Members;
using BillingPortal.Features.Members.Membership;
using BillingPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Members.Invitations;

/// <summary>
/// Opening and accepting an invitation link as the signed-in user. The token is looked up by its hash; the user's
/// address and whether it is confirmed are read from the database, never from the cookie, and must match the invited
/// address. Accepting adds the membership and marks the invitation used in one transaction under the workspace's
/// write lock, so two accepts of one link add one member.
/// </summary>
public sealed class InvitationAcceptance(IDbContextFactory<BillingDbContext> dbFactory, BillingWrites writes, TimeProvider clock, AuditTrail? trail = null)
{
    // Built without the app's services (some tests), the writer still records, as a worker.
    private readonly AuditTrail trail = trail ?? new AuditTrail(clock);
    /// <summary>What the link offers <paramref name="user"/>: the workspace and role, or why it can't be used. Writes nothing.</summary>
    public async Task<InvitationView> OpenAsync(ClaimsPrincipal user, string? token, CancellationToken ct = default)
    {
        if (InvitationTokens.Hash(token) is not { } hash)
            return InvitationView.Refused(InvitationRefusal.Unknown, InvitationRules.Describe(InvitationRefusal.Unknown));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var invitation = await db.WorkspaceInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
        var refusal = await CheckAsync(db, user.UserId(), invitation, ct);
        if (refusal != InvitationRefusal.None)
            return InvitationView.Refused(refusal, InvitationRules.Describe(refusal, invitation?.Email), invitation?.WorkspaceId);

        var workspace = await db.Workspaces.Where(w => w.Id == invitation!.WorkspaceId).Select(w => w.Name).SingleAsync(ct);
        var inviter = await db.Users.Where(u => u.Id == invitation!.InvitedByUserId).Select(u => u.Email).SingleOrDefaultAsync(ct);
        return new InvitationView(InvitationRefusal.None, "", invitation!.WorkspaceId, workspace, invitation.Role,
            invitation.Permissions.HasFlag(WorkspacePermissions.BillingRead), inviter, invitation.ExpiresAt);
    }

    /// <summary>Joins <paramref name="user"/> to the invitation's workspace with its role, once; or says why not and writes nothing.</summary>
    public async Task<AcceptResult> AcceptAsync(ClaimsPrincipal user, string? token, CancellationToken ct = default)
    {
        var userId = user.UserId();
        if (InvitationTokens.Hash(token) is not { } hash)
            return Refused(InvitationRefusal.Unknown, null);
        // Accepting is done on the invitation page by the invitee.
        var by = ScopeAuditContext.FromUser(user, AuditSource.Page, null) ?? AuditActor.User(userId, null, AuditSource.Page);
        // Commits only an accepted invitation: a refusal writes nothing.
        return await writes.RunAsync(async (scope, ct) =>
        {
            var db = scope.Db;
            var workspaceId = await db.WorkspaceInvitations.Where(i => i.TokenHash == hash).Select(i => (Guid?)i.WorkspaceId).SingleOrDefaultAsync(ct);
            if (workspaceId is not { } id || !await MembershipWrite.LockWorkspaceAsync(scope, id, ct))
                return Refused(InvitationRefusal.Unknown, null);
            // Read again under the lock: a concurrent accept that committed first is seen here.
            var invitation = await db.WorkspaceInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash, ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var refusal = invitation is null ? InvitationRefusal.Unknown : invitation.Accept(userId, await InviteeAsync(db, userId, id, ct), now);
            if (refusal != InvitationRefusal.None)
                return Refused(refusal, invitation);

            db.WorkspaceMembers.Add(new WorkspaceMember
            {
                WorkspaceId = id, UserId = userId, Role = invitation!.Role, Permissions = invitation.Permissions, JoinedAt = now,
            });
            trail.RecordWithin(scope, by, new AuditChange(id, AuditActions.InvitationAccepted,
                invitation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), invitation.Email, null, InvitationService.InvitationSnapshot(invitation)));
            return new AcceptResult(InvitationRefusal.None, $"You joined as {invitation.Role}.", id);
        }, commitWhen: result => result.Refusal == InvitationRefusal.None, attempts: 1, ct);
    }

    private static AcceptResult Refused(InvitationRefusal refusal, WorkspaceInvitation? invitation) =>
        new(refusal, InvitationRules.Describe(refusal, invitation?.Email), invitation?.WorkspaceId);

    private async Task<InvitationRefusal> CheckAsync(BillingDbContext db, string userId, WorkspaceInvitation? invitation, CancellationToken ct) =>
        invitation is null
            ? InvitationRefusal.Unknown
            : InvitationRules.CanAccept(invitation, await InviteeAsync(db, userId, invitation.WorkspaceId, ct), clock.GetUtcNow().UtcDateTime);

    private static async Task<Invitee> InviteeAsync(BillingDbContext db, string userId, Guid workspaceId, CancellationToken ct)
    {
        var account = await db.Users.Where(u => u.Id == userId).Select(u => new { u.NormalizedEmail, u.EmailConfirmed }).SingleOrDefaultAsync(ct);
        var member = await db.WorkspaceMembers.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);
        return new Invitee(account?.NormalizedEmail, account?.EmailConfirmed ?? false, member);
    }
}
