using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Features.Demo;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Infrastructure;

/// <summary>The seeded demo's workspaces, as the HTTP tests that prove ids never cross workspaces need them.</summary>
internal static class DemoWorkspaces
{
    /// <summary>Acme, and a workspace owner@acme.test also belongs to (their personal one), to prove ids do not cross.</summary>
    public static async Task<(Guid Acme, Guid Other)> AcmeAndOwnersPersonalAsync(IDbContextFactory<BillingDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(ct);
        var ownerId = await db.Users.Where(u => u.Email == "owner@acme.test").Select(u => u.Id).SingleAsync(ct);
        var other = await db.WorkspaceMembers.Where(m => m.UserId == ownerId && m.WorkspaceId != acme)
            .Join(db.Workspaces.Where(w => w.Kind == WorkspaceKind.Personal), m => m.WorkspaceId, w => w.Id, (m, w) => w.Id).FirstAsync(ct);
        return (acme, other);
    }
}
