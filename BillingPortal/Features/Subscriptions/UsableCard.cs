using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Subscriptions;
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

    /// <summary>
    /// The subscription's <see cref="SubscriptionDates"/>, the one way pages, the API and plan switches read them. The card
    /// is judged when the worker will judge it: at a running trial's end, so a card that expires before then converts
    /// nothing and promises nothing.
    /// </summary>
    public static async Task<SubscriptionDates> DatesAsync(BillingDbContext db, Subscription subscription, DateTime now, CancellationToken ct)
    {
        var judgedAt = subscription is { Status: SubscriptionStatus.Trial, TrialEndsAt: { } end } && end > now ? end : now;
        return SubscriptionDates.For(subscription, await SinceAsync(db, subscription.WorkspaceId, judgedAt, ct), now);
    }
}
