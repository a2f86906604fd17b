using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Members;

/// <summary>
/// Lists and changes a workspace's members. Every call re-checks <see cref="WorkspacePolicies.ManageMembers"/>
/// against the workspace, then applies <see cref="MembershipRules"/> inside one transaction that holds the
/// workspace's write lock, so concurrent changes (two Owners demoting each other) cannot leave it without an Owner.
/// </summary>
public sealed class MemberService(
    IDbContextFactory<BillingDbContext> dbFactory, IAuthorizationService authorization, ILookupNormalizer normalizer, TimeProvider clock)
{
    private const string NotAllowed = "You can no longer manage the members of this workspace.";

    /// <summary>The workspace's members, or null when <paramref name="user"/> may not manage them.</summary>
    public async Task<MemberRoster?> ListAsync(ClaimsPrincipal user, Guid workspaceId, CancellationToken ct = default)
    {
        if (!await MayManageAsync(user, workspaceId))
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

    /// <summary>Adds an already registered user whose e-mail address is confirmed, found by that address, as <paramref name="role"/>.</summary>
    public Task<MemberResult> AddAsync(ClaimsPrincipal user, Guid workspaceId, string? email, WorkspaceRole role, CancellationToken ct = default) =>
        ChangeAsync(user, workspaceId, async (db, actor, kind) =>
        {
            if (MembershipRules.CanAddMembers(actor.Role, kind) is { IsAllowed: false } closed)
                return MemberResult.Refused(closed.Refusal!);
            if (MembershipRules.CanAssign(actor.Role, role) is { IsAllowed: false } badRole)
                return MemberResult.Refused(badRole.Refusal!, MemberField.Role);
            var (address, emailCheck) = MembershipRules.ParseEmail(email);
            if (address is null)
                return MemberResult.Refused(emailCheck.Refusal!, MemberField.Email);

            var normalized = normalizer.NormalizeEmail(address);
            // Only a confirmed address counts: anyone can register an address they do not own, then wait to be added
            // by it (account pre-hijacking). Unknown and unconfirmed answer alike.
            var newcomer = await db.Users.Where(u => u.NormalizedEmail == normalized && u.EmailConfirmed)
                .Select(u => new { u.Id, u.Email }).FirstOrDefaultAsync(ct);
            if (newcomer is null)
                return MemberResult.Refused(
                    $"No one has a confirmed account with {address}. Ask them to create an account and confirm their e-mail address first.",
                    MemberField.Email);
            var already = await db.WorkspaceMembers.AnyAsync(m => m.WorkspaceId == workspaceId && m.UserId == newcomer.Id, ct);
            if (MembershipRules.CanAddUser(already) is { IsAllowed: false } twice)
                return MemberResult.Refused(twice.Refusal!, MemberField.Email);

            db.WorkspaceMembers.Add(new WorkspaceMember
            {
                WorkspaceId = workspaceId, UserId = newcomer.Id, Role = role, JoinedAt = clock.GetUtcNow().UtcDateTime,
            });
            return MemberResult.Done($"{newcomer.Email ?? address} added as {role}.");
        }, ct);

    /// <summary>Gives a member another role; the last Owner keeps theirs.</summary>
    public Task<MemberResult> ChangeRoleAsync(ClaimsPrincipal user, Guid workspaceId, long memberId, WorkspaceRole role, CancellationToken ct = default) =>
        ChangeMemberAsync(user, workspaceId, memberId, async (db, actor, target, email) =>
        {
            var owners = await CountOwnersAsync(db, workspaceId, ct);
            if (MembershipRules.CanChangeRole(actor.Role, target.Role, role, owners) is { IsAllowed: false } refused)
                return MemberResult.Refused(refused.Refusal!, MemberField.Role);
            target.Role = role;
            target.Permissions = MembershipRules.PermissionsFor(role, target.Permissions);
            return MemberResult.Done($"{email} is now {role}.");
        }, ct);

    /// <summary>Grants or revokes <c>billing:read</c> for a Member or Viewer.</summary>
    public Task<MemberResult> SetBillingReadAsync(ClaimsPrincipal user, Guid workspaceId, long memberId, bool granted, CancellationToken ct = default) =>
        ChangeMemberAsync(user, workspaceId, memberId, (db, actor, target, email) =>
        {
            if (MembershipRules.CanSetBillingRead(actor.Role, target.Role) is { IsAllowed: false } refused)
                return Task.FromResult(MemberResult.Refused(refused.Refusal!));
            target.Permissions = granted ? target.Permissions | WorkspacePermissions.BillingRead : target.Permissions & ~WorkspacePermissions.BillingRead;
            return Task.FromResult(MemberResult.Done(granted ? $"{email} can now see billing (billing:read)." : $"{email} no longer sees billing."));
        }, ct);

    /// <summary>Removes a member from the workspace; the last Owner stays.</summary>
    public Task<MemberResult> RemoveAsync(ClaimsPrincipal user, Guid workspaceId, long memberId, CancellationToken ct = default) =>
        ChangeMemberAsync(user, workspaceId, memberId, async (db, actor, target, email) =>
        {
            var owners = await CountOwnersAsync(db, workspaceId, ct);
            if (MembershipRules.CanRemove(actor.Role, target.Role, owners) is { IsAllowed: false } refused)
                return MemberResult.Refused(refused.Refusal!);
            db.WorkspaceMembers.Remove(target);
            return MemberResult.Done($"{email} was removed from the workspace.");
        }, ct);

    private Task<MemberResult> ChangeMemberAsync(ClaimsPrincipal user, Guid workspaceId, long memberId,
        Func<BillingDbContext, WorkspaceMember, WorkspaceMember, string, Task<MemberResult>> change, CancellationToken ct) =>
        ChangeAsync(user, workspaceId, async (db, actor, _) =>
        {
            // Scoped to the workspace: a member id from another workspace is simply not found.
            var target = await db.WorkspaceMembers.SingleOrDefaultAsync(m => m.Id == memberId && m.WorkspaceId == workspaceId, ct);
            if (target is null)
                return MemberResult.Refused("That member is no longer in this workspace.");
            var email = await db.Users.Where(u => u.Id == target.UserId).Select(u => u.Email).SingleAsync(ct);
            return await change(db, actor, target, email ?? "The member");
        }, ct);

    private async Task<MemberResult> ChangeAsync(ClaimsPrincipal user, Guid workspaceId,
        Func<BillingDbContext, WorkspaceMember, WorkspaceKind, Task<MemberResult>> change, CancellationToken ct)
    {
        if (!await MayManageAsync(user, workspaceId))
            return MemberResult.Refused(NotAllowed);
        var userId = user.UserId();

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Write-lock the workspace row first so membership changes of one workspace run one at a time
        // (SQLite's IMMEDIATE transactions already do; on SQL Server this row lock does).
        if (await db.Workspaces.Where(w => w.Id == workspaceId).ExecuteUpdateAsync(s => s.SetProperty(w => w.Name, w => w.Name), ct) == 0)
            return MemberResult.Refused(NotAllowed);
        var kind = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Kind).SingleAsync(ct);
        // The actor's role as of this transaction: the authorization check above may be a moment old.
        var actor = await db.WorkspaceMembers.AsNoTracking().SingleOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);
        if (actor is null || !MembershipRules.CanManageMembers(actor.Role))
            return MemberResult.Refused(NotAllowed);

        var result = await change(db, actor, kind);
        if (result.Succeeded)
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        return result;
    }

    private async Task<bool> MayManageAsync(ClaimsPrincipal user, Guid workspaceId) =>
        (await authorization.AuthorizeAsync(user, workspaceId, WorkspacePolicies.ManageMembers)).Succeeded;

    private static Task<int> CountOwnersAsync(BillingDbContext db, Guid workspaceId, CancellationToken ct) =>
        db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == workspaceId && m.Role == WorkspaceRole.Owner, ct);
}
