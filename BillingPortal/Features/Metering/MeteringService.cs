using BillingPortal.Data;
using BillingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Metering;

/// <summary>Answers whether a workspace may start a run, from its subscription and wallet as they are now.</summary>
public sealed class MeteringService(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Null when the run may start, otherwise the <see cref="RunRefusal"/> reason.</summary>
    public async Task<string?> AuthorizeRunAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var subscription = await db.Subscriptions.AsNoTracking().Where(s => s.WorkspaceId == workspaceId)
            .Select(s => new { s.Status, s.TrialEndsAt }).FirstOrDefaultAsync(ct);
        var wallet = await db.Wallets.AsNoTracking().Where(w => w.WorkspaceId == workspaceId)
            .Select(w => new { w.AllowanceRemainingMicros, w.CreditBalanceMicros }).FirstOrDefaultAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        // Only an ended trial asks about cards, so the common path stays at two reads.
        var hasCard = subscription is { Status: SubscriptionStatus.Trial, TrialEndsAt: { } end } && end <= now
            && await HasUsableCardAsync(db, workspaceId, now, ct);
        // No wallet means nothing to spend: fail closed.
        return RunAdmission.Refusal(subscription?.Status, subscription?.TrialEndsAt,
            wallet?.AllowanceRemainingMicros ?? 0, wallet?.CreditBalanceMicros ?? 0, now, hasCard);
    }

    private static async Task<bool> HasUsableCardAsync(BillingDbContext db, Guid workspaceId, DateTime now, CancellationToken ct)
    {
        var cards = await db.PaymentMethods.AsNoTracking().Where(m => m.WorkspaceId == workspaceId && m.RemovedAt == null).ToListAsync(ct);
        return cards.Any(c => !c.IsExpired(now));
    }
}
