using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Activity;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Members.Membership;

/// <summary>
/// The one shape of a change to a workspace's members or invitations: re-check <see cref="WorkspacePolicies.ManageMembers"/>,
/// write-lock the workspace row, read the caller's role as of this transaction, run the change, and commit only when it
/// succeeded. Concurrent changes of one workspace so run one at a time (two Owners demoting each other can't leave it
/// without an Owner; two accepts of one invitation can't both add a member).
/// </summary>
public sealed class MembershipWrite(BillingWrites writes, IAuthorizationService authorization, AuditTrail trail, IAuditContext? audit = null)
{
    // The trail comes from the container, with the app's TimeProvider: this writer has no clock of its own to date a
    // row by, and the machine's would date it apart from the change it records. Without a request, it records a worker.
    private readonly IAuditContext audit = audit ?? new FixedAuditContext(AuditActor.Worker());
    public const string NotAllowed = "You can no longer manage the members of this workspace.";

    /// <summary>Whether <paramref name="user"/> may manage the members of <paramref name="workspaceId"/> now.</summary>
    public async Task<bool> MayManageAsync(ClaimsPrincipal user, Guid workspaceId) =>
        (await authorization.AuthorizeAsync(user, workspaceId, WorkspacePolicies.ManageMembers)).Succeeded;

    /// <summary>Runs <paramref name="change"/> for an Owner or Admin of the workspace; saves and commits when it succeeds.</summary>
    public async Task<MemberResult> RunAsync(ClaimsPrincipal user, Guid workspaceId,
        Func<BillingDbContext, WorkspaceMember, WorkspaceKind, Task<MemberResult>> change, CancellationToken ct)
    {
        if (!await MayManageAsync(user, workspaceId))
            return MemberResult.Refused(NotAllowed);
        var userId = user.UserId();
        var by = await audit.ActorAsync(ct);

        return await writes.RunAsync(async (scope, ct) =>
        {
            var db = scope.Db;
            if (!await LockWorkspaceAsync(scope, workspaceId, ct))
                return MemberResult.Refused(NotAllowed);
            var kind = await db.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Kind).SingleAsync(ct);
            // The actor's role as of this transaction: the authorization check above may be a moment old.
            var actor = await db.WorkspaceMembers.AsNoTracking().SingleOrDefaultAsync(m => m.WorkspaceId == workspaceId && m.UserId == userId, ct);
            if (actor is null || !MembershipRules.CanManageMembers(actor.Role))
                return MemberResult.Refused(NotAllowed);
            var result = await change(db, actor, kind);
            // Recorded in this unit: it commits with the change, and a refusal (rolled back) records nothing.
            if (result is { Succeeded: true, Audit: { } record })
                trail.RecordWithin(scope, by, record);
            // The record is the unit's business; callers see the outcome only.
            return result with { Audit = null };
        }, commitWhen: result => result.Succeeded, attempts: 1, ct);
    }

    /// <summary>
    /// Locks the workspace row inside the unit of work (SQLite's IMMEDIATE transactions already serialise writers; on the
    /// server engines this row lock does). False when the workspace does not exist.
    /// </summary>
    public static Task<bool> LockWorkspaceAsync(WriteScope scope, Guid workspaceId, CancellationToken ct) =>
        scope.LockAsync<Workspace>(w => w.Id, workspaceId, ct);
}
