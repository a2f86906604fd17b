using BillingPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Security;

/// <summary>
/// Answers "which workspaces may this user see, and as what". Always reads the database,
/// so a role change or removal takes effect on the very next request or click.
/// </summary>
public sealed class WorkspaceDirectory(IDbContextFactory<BillingDbContext> dbFactory)
{
    /// <summary>Every workspace the user belongs to: team workspaces by name, the personal one last.</summary>
    public async Task<IReadOnlyList<WorkspaceAccess>> ListForUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Query(db, userId).ToListAsync(ct);
        return [.. rows.OrderBy(a => a.Kind == Domain.WorkspaceKind.Personal).ThenBy(a => a.WorkspaceName)];
    }

    /// <summary>The user's access to exactly this workspace, or null when not a member.</summary>
    public async Task<WorkspaceAccess?> FindAsync(string userId, Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Query(db, userId, workspaceId).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// The workspace being viewed: the one last switched to while still a member,
    /// else the earliest-joined team workspace, else the personal one.
    /// </summary>
    public async Task<WorkspaceAccess?> ResolveCurrentAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var last = await db.Users.Where(u => u.Id == userId).Select(u => u.LastWorkspaceId).FirstOrDefaultAsync(ct);
        if (last is { } lastId && await Query(db, userId, lastId).FirstOrDefaultAsync(ct) is { } chosen)
            return chosen;

        var memberships = await db.WorkspaceMembers.Where(m => m.UserId == userId)
            .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new { m.JoinedAt, m.Id, Access = new WorkspaceAccess(w.Id, w.Name, w.Kind, m.Role, m.Permissions) })
            .ToListAsync(ct);
        return memberships
            .OrderBy(m => m.Access.Kind == Domain.WorkspaceKind.Personal)
            .ThenBy(m => m.JoinedAt).ThenBy(m => m.Id)
            .Select(m => m.Access)
            .FirstOrDefault();
    }

    /// <summary>Makes the workspace the user's current one; false (and nothing saved) when not a member.</summary>
    public async Task<bool> SelectAsync(string userId, Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.WorkspaceMembers.AnyAsync(m => m.UserId == userId && m.WorkspaceId == workspaceId, ct))
            return false;
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastWorkspaceId, workspaceId), ct);
        return true;
    }

    private static IQueryable<WorkspaceAccess> Query(BillingDbContext db, string userId, Guid? workspaceId = null) =>
        db.WorkspaceMembers.Where(m => m.UserId == userId && (workspaceId == null || m.WorkspaceId == workspaceId))
            .Join(db.Workspaces, m => m.WorkspaceId, w => w.Id, (m, w) => new WorkspaceAccess(w.Id, w.Name, w.Kind, m.Role, m.Permissions));
}
