using BillingPortal.Data;
using BillingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Plans;

/// <summary>Serialises a workspace's plan changes, as <c>PaymentFulfilment</c> serialises a payment's confirmations.</summary>
internal static class SubscriptionLock
{
    /// <summary>
    /// Inside an open transaction: a no-op UPDATE takes the subscription row's write lock (SQLite already holds the
    /// database's), then the row is read fresh and tracked. Null when the workspace has no subscription.
    /// </summary>
    public static async Task<Subscription?> LockAsync(BillingDbContext db, Guid workspaceId, CancellationToken ct)
    {
        var rows = await db.Subscriptions.Where(s => s.WorkspaceId == workspaceId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.PlanCode, x => x.PlanCode), ct);
        return rows == 0 ? null : await db.Subscriptions.SingleAsync(s => s.WorkspaceId == workspaceId, ct);
    }
}
