using BillingPortal.Data;
using BillingPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Subscriptions.Status;

/// <summary>Reads a workspace's <see cref="SubscriptionStanding"/> for the app-wide banner. Read-only.</summary>
public sealed class SubscriptionStatusQuery(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// The standing of <paramref name="workspaceId"/>, or null when it has no subscription. One SQL statement (scalar
    /// subqueries, no joins that multiply rows), because the banner runs it on every navigation.
    /// Callers check access first: this method trusts the id it is given.
    /// </summary>
    public async Task<SubscriptionStanding?> GetAsync(Guid workspaceId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var (year, month) = (now.Year, now.Month);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var overdue = db.Invoices.Where(i => i.WorkspaceId == workspaceId && i.Status == InvoiceStatus.PastDue);
        var oldest = overdue.OrderBy(i => i.DueAt).ThenBy(i => i.Number);
        var row = await db.Subscriptions.AsNoTracking()
            .Where(s => s.WorkspaceId == workspaceId)
            .Select(s => new
            {
                s.PlanCode,
                s.Status,
                s.TrialEndsAt,
                s.PastDueSince,
                s.PausedAt,
                // The same test as PaymentMethod.IsExpired, in SQL: a card is good through the end of its expiry month.
                HasUsableCard = db.PaymentMethods.Any(m => m.WorkspaceId == workspaceId && m.RemovedAt == null
                    && (m.ExpYear > year || (m.ExpYear == year && m.ExpMonth >= month))),
                OldestNumber = oldest.Select(i => (long?)i.Number).FirstOrDefault(),
                OldestTotal = oldest.Select(i => (long?)i.TotalMicros).FirstOrDefault(),
                OldestDueAt = oldest.Select(i => (DateTime?)i.DueAt).FirstOrDefault(),
                OverdueCount = overdue.Count(),
                OverdueTotal = overdue.Sum(i => (long?)i.TotalMicros) ?? 0,
            })
            .FirstOrDefaultAsync(ct);
        if (row is null)
            return null;
        var oldestInvoice = row is { OldestNumber: { } number, OldestTotal: { } total, OldestDueAt: { } due } ? new OverdueInvoice(number, total, due) : null;
        return new SubscriptionStanding(row.PlanCode, row.Status, row.TrialEndsAt, row.PastDueSince, row.PausedAt,
            row.HasUsableCard, oldestInvoice, row.OverdueCount, row.OverdueTotal);
    }
}
