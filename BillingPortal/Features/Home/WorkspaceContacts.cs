using BillingPortal.Data;
using BillingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Home;

/// <summary>Someone a member can ask for access: an Owner or an Admin of the workspace.</summary>
public sealed record WorkspaceContact(string Email, WorkspaceRole Role);

/// <summary>
/// The workspace's Owners and Admins, Owners first, so a Member or Viewer knows whom to ask. Callers pass the
/// workspace the signed-in user resolved to (they are a member of it); nothing else is read.
/// </summary>
public sealed class WorkspaceContacts(IDbContextFactory<BillingDbContext> dbFactory)
{
    /// <summary>At most this many are listed; a large team's home stays short.</summary>
    public const int Limit = 5;

    public async Task<IReadOnlyList<WorkspaceContact>> OwnersAndAdminsAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.WorkspaceMembers.AsNoTracking()
            .Where(m => m.WorkspaceId == workspaceId && (m.Role == WorkspaceRole.Owner || m.Role == WorkspaceRole.Admin))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Email, m.Role, m.JoinedAt })
            .ToListAsync(ct);
        return [.. rows.Where(r => r.Email is not null)
            .OrderBy(r => r.Role == WorkspaceRole.Owner ? 0 : 1).ThenBy(r => r.JoinedAt).ThenBy(r => r.Email, StringComparer.Ordinal)
            .Take(Limit)
            .Select(r => new WorkspaceContact(r.Email!, r.Role))];
    }
}
