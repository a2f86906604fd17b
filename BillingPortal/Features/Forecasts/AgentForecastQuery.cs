using BillingPortal.Data;
using BillingPortal.Domain.Forecasts;
using BillingPortal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Forecasts;

/// <summary>
/// The Usage page's forecast by agent (<see cref="AgentForecasts"/>), read from the daily usage rollups: each agent's
/// cost on the 7 complete UTC days before today, and its first day with usage. Read-only.
/// </summary>
public sealed class AgentForecastQuery(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// How far back an agent's first usage is looked for: the Usage page's longest range. An agent idle for longer that
    /// started again this week counts as new, which is what its pace is (a week of it has not happened yet).
    /// </summary>
    public const int FirstUsageLookbackDays = 90;

    /// <summary>The forecast for <paramref name="workspaceId"/>. Callers check access first: this trusts the id it is given.</summary>
    public async Task<AgentForecasts> GetAsync(Guid workspaceId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = now.Date;
        var from = today.AddDays(-SpendForecast.HistoryDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rollups = db.UsageDailyRollups.AsNoTracking().Where(r => r.WorkspaceId == workspaceId);
        var week = await rollups.Where(r => r.Day >= from && r.Day < today)
            .GroupBy(r => new { r.Agent, r.Day }).Select(g => new { g.Key.Agent, g.Key.Day, Cost = g.Sum(r => r.CostMicros) })
            .ToListAsync(ct);
        // Only whether each agent's first usage is on or before the week's first day matters; the earliest day on or
        // before it (within the lookback) answers that with one bounded read.
        var lookback = today.AddDays(-FirstUsageLookbackDays);
        var earlier = await rollups.Where(r => r.Day >= lookback && r.Day <= from)
            .GroupBy(r => r.Agent).Select(g => new { Agent = g.Key, First = g.Min(r => r.Day) })
            .ToDictionaryAsync(a => a.Agent, a => a.First, StringComparer.Ordinal, ct);
        var agents = week.GroupBy(r => r.Agent, StringComparer.Ordinal).Select(g =>
        {
            var days = new long[SpendForecast.HistoryDays];
            foreach (var d in g)
                days[(d.Day - from).Days] += Math.Max(d.Cost, 0);
            var first = earlier.TryGetValue(g.Key, out var e) ? e : g.Min(d => d.Day);
            return new AgentSpend(g.Key, DateOnly.FromDateTime(first), days);
        }).ToList();
        // The period ends where the billing worker ends it (a trial with a card converts at the trial's end), as the
        // Overview's forecast reads it.
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.WorkspaceId == workspaceId, ct);
        DateTime? periodEnd = subscription is null ? null : (await UsableCard.DatesAsync(db, subscription, now, ct)).ChangesAt;
        return AgentForecasts.For(agents, now, periodEnd);
    }
}
