using BillingPortal.Data;
using BillingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Plans;

/// <summary>Serialises a workspace's plan changes, as <c>PaymentFulfilment</c> serialises a payment's confirmations.</summary>
internal static class SubscriptionLock
{
    /// <summary>
    /// Inside a unit of work: locks the subscription row (SQLite: the unit holds the database's write lock already), then
    /// reads it fresh and tracked. Null when the workspace has no subscription.
    /// </summary>
    public static async Task<Subscription?> LockAsync(WriteScope scope, Guid workspaceId, CancellationToken ct) =>
        await scope.LockAsync<Subscription>(s => s.WorkspaceId, workspaceId, ct)
            ? await scope.Db.Subscriptions.SingleAsync(s => s.WorkspaceId == workspaceId, ct)
            : null;
}
