using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Members.Membership;
using BillingPortal.Security;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Members;

/// <summary>
/// Lists and changes a workspace's members. Every change goes through <see cref="MembershipWrite"/> (the caller's right
/// re-checked, the workspace write-locked) and <see cref="MembershipRules"/>. People join only by accepting an
/// invitation (<see cref="Invitations.InvitationService"/>): nobody is added by an address they never proved.
/// </summary>
public sealed class MemberService(IDbContextFactory<BillingDbContext> dbFactory, MembershipWrite write)
{

    /// <summary>The workspace's members, or null when <paramref name="user"/> may not manage them.</summary>
    public async Task<MemberRoster?> ListAsync(ClaimsPrincipal user, Guid workspaceId, CancellationToken ct = default)
    {
        if (!await write.MayManageAsync(user, workspaceId))
            return null;
        var userId = user.UserId();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var workspace = await db.Workspaces.AsNoTracking().SingleAsync(w => w.Id == workspaceId, ct);
        var rows = await db.WorkspaceMembers.AsNoTracking().Where(m => m.WorkspaceId == workspaceId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { Member = m, u.Email })
            .ToListAsync(ct);
        var you = rows.Single(r => r.Member.UserId == userId).Member.Role;
        var owners = rows.Count(r => r.Member.Role == WorkspaceRole.Owner);
        var members = rows
            .Select(r => Row(r.Member, r.Email ?? "", you, owners, isYou: r.Member.UserId == userId))
            .OrderByDescending(m => m.Role).ThenBy(m => m.Email, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new MemberRoster(workspace.Id, workspace.Name, workspace.Kind, you, MembershipRules.AssignableRoles(you), members);
    }

    // What the page may offer is asked of the same rules that decide the change.
    private static MemberRow Row(WorkspaceMember member, string email, WorkspaceRole you, int owners, bool isYou) => new(
        member.Id, email, member.Role,
        HasBillingRead: BillingAccessRules.CanRead(member.Role, member.Permissions),
        BillingReadImplied: BillingAccessRules.CanManage(member.Role),
        member.JoinedAt, isYou,
        CanEdit: MembershipRules.CanEdit(you, member.Role).IsAllowed,
        CanChangeRole: MembershipRules.AssignableRoles(you).Any(next => next != member.Role && MembershipRules.CanChangeRole(you, member.Role, next, owners).IsAllowed),
        RemoveRefusal: MembershipRules.CanRemove(you, member.Role, owners).Refusal);

    /// <summary>Gives a member another role; the last Owner keeps theirs.</summary>
    public Task<MemberResult> ChangeRoleAsync(ClaimsPrincipal user, Guid workspaceId, long memberId, WorkspaceRole role, CancellationToken ct = default) =>
        ChangeMemberAsync(user, workspaceId, memberId, async (db, actor, target, email) =>
        {
            var owners = await CountOwnersAsync(db, workspaceId, ct);
            if (MembershipRules.CanChangeRole(actor.Role, target.Role, role, owners) is { IsAllowed: false } refused)
                return MemberResult.Refused(refused.Refusal!, MemberField.Role);
            var before = Snapshot(target);
            target.Role = role;
            target.Permissions = MembershipRules.PermissionsFor(role, target.Permissions);
            return MemberResult.Done($"{email} is now {role}.") with
            {
                Audit = new AuditChange(workspaceId, AuditActions.MemberRoleChanged, target.UserId, email, before, Snapshot(target)),
            };
        }, ct);

    /// <summary>Grants or revokes <c>billing:read</c> for a Member or Viewer.</summary>
    public Task<MemberResult> SetBillingReadAsync(ClaimsPrincipal user, Guid workspaceId, long memberId, bool granted, CancellationToken ct = default) =>
        ChangeMemberAsync(user, workspaceId, memberId, (db, actor, target, email) =>
        {
            if (MembershipRules.CanSetBillingRead(actor.Role, target.Role) is { IsAllowed: false } refused)
                return Task.FromResult(MemberResult.Refused(refused.Refusal!));
            var before = Snapshot(target);
            target.Permissions = granted ? target.Permissions | WorkspacePermissions.BillingRead : target.Permissions & ~WorkspacePermissions.BillingRead;
            return Task.FromResult(MemberResult.Done(granted ? $"{email} can now see billing (billing:read)." : $"{email} no longer sees billing.") with
            {
                Audit = new AuditChange(workspaceId, AuditActions.MemberPermissionsChanged, target.UserId, email, before, Snapshot(target)),
            });
        }, ct);

    /// <summary>Removes a member from the workspace; the last Owner stays.</summary>
    public Task<MemberResult> RemoveAsync(ClaimsPrincipal user, Guid workspaceId, long memberId, CancellationToken ct = default) =>
        ChangeMemberAsync(user, workspaceId, memberId, async (db, actor, target, email) =>
        {
            var owners = await CountOwnersAsync(db, workspaceId, ct);
            if (MembershipRules.CanRemove(actor.Role, target.Role, owners) is { IsAllowed: false } refused)
                return MemberResult.Refused(refused.Refusal!);
            db.WorkspaceMembers.Remove(target);
            return MemberResult.Done($"{email} was removed from the workspace.") with
            {
                Audit = new AuditChange(workspaceId, AuditActions.MemberRemoved, target.UserId, email, Snapshot(target), null),
            };
        }, ct);

    private Task<MemberResult> ChangeMemberAsync(ClaimsPrincipal user, Guid workspaceId, long memberId,
        Func<BillingDbContext, WorkspaceMember, WorkspaceMember, string, Task<MemberResult>> change, CancellationToken ct) =>
        write.RunAsync(user, workspaceId, async (db, actor, _) =>
        {
            // Scoped to the workspace: a member id from another workspace is simply not found.
            var target = await db.WorkspaceMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.WorkspaceId == workspaceId, ct);
            if (target is null)
                return MemberResult.Refused("That member is no longer in this workspace.");
            var email = await db.Users.Where(u => u.Id == target.UserId).Select(u => u.Email).SingleAsync(ct);
            return await change(db, actor, target, email ?? "The member");
        }, ct);

    /// <summary>A member's access as the audit trail records it.</summary>
    private static Dictionary<string, object?> Snapshot(WorkspaceMember member) => new()
    {
        ["role"] = member.Role.ToString(),
        ["billingRead"] = BillingAccessRules.CanRead(member.Role, member.Permissions),
    };

    private static Task<int> CountOwnersAsync(BillingDbContext db, Guid workspaceId, CancellationToken ct) =>
        db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == workspaceId && m.Role == WorkspaceRole.Owner, ct);
}
