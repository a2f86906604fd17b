using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Forecasts;
using BillingPortal.Domain.Invoices;
using BillingPortal.Features.Subscriptions;
using BillingPortal.Features.Subscriptions.Status;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Forecasts;

/// <summary>
/// The spend forecast the Overview and Credits pages show: the pace from the daily usage rollups (the Usage page's
/// source), the run-out date from <see cref="SpendForecast"/>, and the projected invoice from
/// <see cref="NextInvoiceEstimate.For"/> (the Overview's "next invoice" rule) with the projected usage added. Read-only.
/// </summary>
public sealed class ForecastService(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// The forecast for <paramref name="workspaceId"/>, or null when it has no subscription or wallet.
    /// Callers check access first: this method trusts the id it is given.
    /// </summary>
    public async Task<Forecast?> GetAsync(Guid workspaceId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Workspaces.AsNoTracking()
            .Where(w => w.Id == workspaceId && w.Subscription != null && w.Wallet != null)
            .Select(w => new { Subscription = w.Subscription!, Wallet = w.Wallet! })
            .FirstOrDefaultAsync(ct);
        if (row is null)
            return null;
        var subscription = row.Subscription;
        var (firstDay, days) = await SpendHistoryAsync(db, workspaceId, now, ct);
        var dates = await UsableCard.DatesAsync(db, subscription, now, ct);
        // The worker's own read of the period, so the projection starts from what the invoice would carry today.
        var soFar = await PeriodLedger.ReadAsync(db, workspaceId, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd, ct);

        var spend = SpendForecast.For(new SpendForecastInput(
            now, firstDay, days, row.Wallet.AllowanceRemainingMicros, row.Wallet.CreditBalanceMicros,
            dates.ChangesAt, (subscription.PendingPlan ?? subscription.Plan).MonthlyAllowance.Micros,
            // A trial that converts anchors the cycle where it converts (as the billing worker does); one without a card keeps its anchor.
            subscription.Status == SubscriptionStatus.Trial && dates.ChargesAt is not null ? dates.ChangesAt : subscription.BillingAnchor));
        var issuesOn = NextInvoiceEstimate.For(subscription, dates, soFar, now).IssuesOn;
        var projected = SpendForecast.ProjectUsage(soFar, row.Wallet.AllowanceRemainingMicros, row.Wallet.CreditBalanceMicros, spend.WeekMicros, now, issuesOn);
        return new Forecast(spend, NextInvoiceEstimate.For(subscription, dates, projected, now));
    }

    /// <summary>The first day with usage and the cost of each of the 7 complete UTC days before today, oldest first.</summary>
    internal static async Task<(DateOnly? FirstDay, long[] Days)> SpendHistoryAsync(BillingDbContext db, Guid workspaceId, DateTime now, CancellationToken ct)
    {
        var today = now.Date;
        var from = today.AddDays(-SpendForecast.HistoryDays);
        var rollups = db.UsageDailyRollups.AsNoTracking().Where(r => r.WorkspaceId == workspaceId);
        var first = await rollups.MinAsync(r => (DateTime?)r.Day, ct);
        var byDay = await rollups.Where(r => r.Day >= from && r.Day < today)
            .GroupBy(r => r.Day).Select(g => new { Day = g.Key, Cost = g.Sum(r => r.CostMicros) })
            .ToListAsync(ct);
        var days = new long[SpendForecast.HistoryDays];
        foreach (var d in byDay)
            days[(d.Day - from).Days] += d.Cost;
        return (first is { } f ? DateOnly.FromDateTime(f) : null, days);
    }
}

/// <summary>The forecast as the pages show it.</summary>
/// <param name="Spend">Pace, run-out date and the suggested auto top-up.</param>
/// <param name="ProjectedInvoice">The next invoice with the pace's usage added up to the day it is issued.</param>
public sealed record Forecast(SpendForecast Spend, NextInvoiceEstimate ProjectedInvoice)
{
    /// <summary>The period's usage by the invoice's date, as the projected invoice lists it (not charged).</summary>
    public long ProjectedUsageMicros => ProjectedInvoice.Lines.Where(l => l.Kind == InvoiceLineKind.UsageSummary).Sum(l => l.AmountMicros);
}
