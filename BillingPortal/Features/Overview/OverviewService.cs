using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Credits;
using BillingPortal.Features.Subscriptions;
using BillingPortal.Features.Subscriptions.Status;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Overview;

/// <summary>Reads a workspace's billing overview and its recent ledger entries. Read-only.</summary>
public sealed class OverviewService(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How many entries the overview's recent activity shows.</summary>
    public const int RecentCount = 5;

    /// <summary>The most entries one ledger read returns.</summary>
    public const int MaxLedgerLimit = 100;

    /// <summary>
    /// The overview of <paramref name="workspaceId"/>, or null when no such workspace exists.
    /// Callers check access first: this method trusts the id it is given.
    /// </summary>
    public async Task<BillingOverview?> GetAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = db.LedgerEntries.Where(e => e.WorkspaceId == workspaceId);
        // One statement, so the wallet and the sums are read together (one snapshot on SQLite)
        // and a posting that lands meanwhile cannot make them disagree.
        var row = await db.Workspaces.AsNoTracking()
            .Where(w => w.Id == workspaceId && w.Subscription != null && w.Wallet != null)
            .Select(w => new
            {
                w.Name,
                w.Kind,
                Subscription = w.Subscription!,
                Wallet = w.Wallet!,
                LastEntryId = entries.Max(e => (long?)e.Id) ?? 0,
                // This period's usage, for the next invoice's estimate, read in the same snapshot as the balances.
                PeriodFromCredits = entries.Where(e => e.Type == LedgerEntryType.Usage && e.CreatedAt >= w.Subscription!.CurrentPeriodStart).Sum(e => e.CreditDeltaMicros),
                PeriodFromAllowance = entries.Where(e => e.Type == LedgerEntryType.Usage && e.CreatedAt >= w.Subscription!.CurrentPeriodStart).Sum(e => e.AllowanceDeltaMicros),
            })
            .FirstOrDefaultAsync(ct);
        if (row is null)
            return null;
        // Bounded by the snapshot's last entry, so the totals and the list never run ahead of the balances above.
        var lifetime = await LedgerTotalsQuery.ReadAsync(db, workspaceId, row.LastEntryId, ct);
        var recent = await Newest(db, workspaceId, RecentCount, upToId: row.LastEntryId).ToListAsync(ct);
        var receipts = await Receipts(db, workspaceId, row.Subscription.CurrentPeriodStart, row.LastEntryId).ToListAsync(ct);

        var subscription = row.Subscription;
        var now = clock.GetUtcNow().UtcDateTime;
        var dates = await UsableCard.DatesAsync(db, subscription, now, ct);
        var plan = subscription.Plan;
        // Stored usage deltas are negative; PeriodUsage counts what was spent as positive amounts.
        var usage = new PeriodUsage(-row.PeriodFromAllowance, -row.PeriodFromCredits, row.Wallet.CreditBalanceMicros,
            [.. receipts.Select(r => new PaidReceipt(r.CreatedAt, r.Description, r.CreditDeltaMicros))]);
        return new BillingOverview(
            workspaceId,
            row.Name,
            row.Kind,
            new PlanSummary(plan.Code, plan.Name, plan.MonthlyPrice, plan.MonthlyAllowance),
            new SubscriptionSummary(subscription.Status, subscription.TrialDaysLeft(now), subscription.NextBillingDate, subscription.CurrentPeriodEnd, dates,
                subscription.PendingPlan?.Code, subscription.PendingPlan?.Name, subscription.TrialEndsAt),
            new Money(row.Wallet.CreditBalanceMicros),
            new Money(row.Wallet.AllowanceRemainingMicros),
            lifetime,
            [.. recent.Select(ToRecent)],
            NextInvoiceEstimate.For(subscription, dates, usage, now));
    }

    /// <summary>The workspace's newest ledger entries, newest first; <paramref name="limit"/> is 1 to <see cref="MaxLedgerLimit"/>.</summary>
    public async Task<IReadOnlyList<RecentLedgerEntry>> GetRecentEntriesAsync(Guid workspaceId, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLedgerLimit);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = await Newest(db, workspaceId, limit).ToListAsync(ct);
        return [.. entries.Select(ToRecent)];
    }

    private static IQueryable<LedgerEntry> Newest(BillingDbContext db, Guid workspaceId, int count, long upToId = long.MaxValue) =>
        db.LedgerEntries.AsNoTracking()
            .Where(e => e.WorkspaceId == workspaceId && e.Id <= upToId)
            .NewestFirst()
            .Take(count);

    // Credit purchases and automatic top-ups this period: the invoice lists them as receipts, already paid.
    private static IQueryable<LedgerEntry> Receipts(BillingDbContext db, Guid workspaceId, DateTime since, long upToId) =>
        db.LedgerEntries.AsNoTracking()
            .Where(e => e.WorkspaceId == workspaceId && e.Id <= upToId && e.CreatedAt >= since
                && (e.Type == LedgerEntryType.Purchase || e.Type == LedgerEntryType.AutoTopUp))
            .OrderBy(e => e.Id);

    private static RecentLedgerEntry ToRecent(LedgerEntry e) => new(
        e.Id, e.Type, e.Description, e.CreatedAt,
        new Money(e.CreditDeltaMicros), new Money(e.AllowanceDeltaMicros),
        new Money(e.BalanceAfterMicros), new Money(e.AllowanceAfterMicros));
}
