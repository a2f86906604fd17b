using BillingPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Subscriptions;

/// <summary>The card rule a trial converts by (the same run admission uses): any card on file that has not expired.</summary>
public static class UsableCard
{
    /// <summary>Since when the workspace has had a usable card, or null when it has none.</summary>
    public static async Task<DateTime?> SinceAsync(BillingDbContext db, Guid workspaceId, DateTime now, CancellationToken ct)
    {
        var cards = await db.PaymentMethods.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.RemovedAt == null).ToListAsync(ct);
        return cards.Where(c => !c.IsExpired(now)).Select(c => (DateTime?)c.CreatedAt).Min();
    }
}
