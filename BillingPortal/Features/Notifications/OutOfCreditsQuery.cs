using BillingPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Notifications;

/// <summary>Whether a workspace has run out: nothing left of its allowance or credits, so <c>authorize</c> refuses new runs.</summary>
public sealed class OutOfCreditsQuery(IDbContextFactory<BillingDbContext> dbFactory)
{
    /// <summary>True when the workspace's allowance plus credits is at or below zero; false without a wallet.</summary>
    public async Task<bool> IsOutOfCreditsAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var spendable = await db.Wallets.Where(w => w.WorkspaceId == workspaceId)
            .Select(w => (long?)(w.CreditBalanceMicros + w.AllowanceRemainingMicros)).FirstOrDefaultAsync(ct);
        return spendable <= 0;
    }
}
