using BillingPortal.Data;
using BillingPortal.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Usage;

/// <summary>
/// Reads a workspace's usage: totals, charts and exports from <see cref="UsageDailyRollup"/> (never the
/// raw line items), the runs table from <see cref="UsageRun"/>, and one run's line items for its drill-down.
/// </summary>
public sealed class UsageQueryService(IDbContextFactory<BillingDbContext> dbFactory)
{
    public const string NoApiKeyName = "No API key";

    /// <summary>Totals and the per-day, per-agent, per-model and per-API-key spend for the filter.</summary>
    public async Task<UsageSummary> GetSummaryAsync(Guid workspaceId, UsageFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rollups = Rollups(db, workspaceId, filter);
        var byDay = await rollups.GroupBy(r => new { r.Day, r.LineItem })
            .Select(g => new { g.Key.Day, g.Key.LineItem, Cost = g.Sum(r => r.CostMicros), Count = g.Sum(r => (long)r.LineItems) })
            .ToListAsync(ct);
        var byAgent = await rollups.GroupBy(r => r.Agent).Select(g => new SpendSlice(g.Key, g.Sum(r => r.CostMicros), null)).ToListAsync(ct);
        var byKey = await rollups.GroupBy(r => r.Key).Select(g => new SpendSlice(g.Key, g.Sum(r => r.CostMicros), null)).ToListAsync(ct);
        var byApiKey = await rollups.GroupBy(r => r.ApiKeyId).Select(g => new { Id = g.Key, Cost = g.Sum(r => r.CostMicros) }).ToListAsync(ct);
        var names = await ApiKeyNamesAsync(db, workspaceId, ct);

        var days = Enumerable.Range(0, filter.To.DayNumber - filter.From.DayNumber + 1).Select(filter.From.AddDays).ToList();
        var daily = Enum.GetValues<LineItemKind>().ToDictionary(kind => kind, _ => new long[days.Count]);
        foreach (var row in byDay)
            daily[row.LineItem][DateOnly.FromDateTime(row.Day).DayNumber - filter.From.DayNumber] += row.Cost;

        return new UsageSummary(
            filter,
            byDay.Sum(r => r.Cost),
            byDay.Sum(r => r.Count),
            days,
            daily,
            Largest(byAgent),
            Largest(byKey),
            Largest(byApiKey.Select(k => new SpendSlice(NameOf(names, k.Id), k.Cost, k.Id))));
    }

    /// <summary>
    /// What the page needs besides the numbers: the start of the workspace's billing period (for "This billing
    /// period"; null without a subscription) and whether it has ever had usage (else the page shows how to start).
    /// </summary>
    public async Task<(DateOnly? PeriodStart, bool HasUsage)> GetContextAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var start = await db.Subscriptions.AsNoTracking().Where(s => s.WorkspaceId == workspaceId)
            .Select(s => (DateTime?)s.CurrentPeriodStart).FirstOrDefaultAsync(ct);
        var hasUsage = await db.UsageDailyRollups.AnyAsync(r => r.WorkspaceId == workspaceId, ct);
        return (start is { } s ? DateOnly.FromDateTime(s) : null, hasUsage);
    }

    /// <summary>
    /// The name of API key <paramref name="apiKeyId"/> when it is this workspace's (<see cref="Guid.Empty"/> is usage
    /// without a key), else null: an id from a link is never looked up in another workspace.
    /// </summary>
    public async Task<SpendSlice?> FindApiKeyAsync(Guid workspaceId, Guid apiKeyId, CancellationToken ct = default)
    {
        if (apiKeyId == Guid.Empty)
            return new SpendSlice(NoApiKeyName, 0, Guid.Empty);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = await db.ApiKeys.AsNoTracking().Where(k => k.WorkspaceId == workspaceId && k.Id == apiKeyId).Select(k => k.Name).FirstOrDefaultAsync(ct);
        return name is null ? null : new SpendSlice(name, 0, apiKeyId);
    }

    /// <summary>The rollup rows behind the summary, for export, in day order.</summary>
    public async Task<IReadOnlyList<UsageExportRow>> GetExportRowsAsync(Guid workspaceId, UsageFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Rollups(db, workspaceId, filter)
            .OrderBy(r => r.Day).ThenBy(r => r.Agent).ThenBy(r => r.LineItem).ThenBy(r => r.Key).ThenBy(r => r.Metric).ThenBy(r => r.ApiKeyId)
            .ToListAsync(ct);
        var names = await ApiKeyNamesAsync(db, workspaceId, ct);
        return [.. rows.Select(r => new UsageExportRow(DateOnly.FromDateTime(r.Day), r.Agent, r.LineItem, r.Metric, r.Key, NameOf(names, r.ApiKeyId), r.Quantity, r.LineItems, r.CostMicros))];
    }

    /// <summary>The most runs a page's total counts; beyond it the table says "10,000+" (counting millions would cost more than the page).</summary>
    public const int RunCountCap = 10_000;

    /// <summary>
    /// One page of the runs that started in the filter's range, sorted on the server. Every filter and order is a
    /// walk of one index on the run's start that stops after the page, so a page costs the same at any history size.
    /// </summary>
    public async Task<RunPage> GetRunsAsync(Guid workspaceId, RunQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (page, counted) = await RunPageQuery.RunAsync(db, workspaceId, query, ct);
        var names = await ApiKeyNamesAsync(db, workspaceId, ct);
        return new RunPage([.. page.Select(r => new RunRow(r.RunId, r.Agent, r.FirstAt, r.LastAt, r.Events, r.CostMicros, r.ApiKeyId is { } id ? NameOf(names, id) : null))],
            Math.Min(counted, RunCountCap), counted > RunCountCap);
    }

    /// <summary>The run with its line items and their rates, or null when this workspace has no such run.</summary>
    public async Task<RunDetail?> GetRunAsync(Guid workspaceId, string runId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.UsageRuns.AsNoTracking().FirstOrDefaultAsync(r => r.WorkspaceId == workspaceId && r.RunId == runId, ct) is not { } run)
            return null;
        var items = await db.UsageLineItems.Where(li => li.WorkspaceId == workspaceId && li.RunId == runId)
            .Join(db.CostRates, li => li.RateId, rate => rate.Id, (li, rate) => new { li, rate })
            .ToListAsync(ct);
        var names = await ApiKeyNamesAsync(db, workspaceId, ct);
        var lines = items.OrderBy(x => x.li.StepIndex).ThenBy(x => x.li.Timestamp).ThenBy(x => x.li.Id)
            .Select(x => new RunLineItem(x.li.Id, x.li.StepIndex, x.li.StepType, x.li.Timestamp, x.li.LineItem, x.li.Metric, x.li.Key, x.li.Quantity,
                x.rate.Id, x.rate.DisplayName, x.rate.UnitPriceMicros, x.rate.UnitSize, x.rate.PlatformFeeBasisPoints, x.li.CostMicros, x.li.DurationMs));
        return new RunDetail(run.RunId, run.Agent, run.FirstAt, run.LastAt, run.CostMicros, run.ApiKeyId is { } id ? NameOf(names, id) : null, [.. lines]);
    }

    private static IQueryable<UsageDailyRollup> Rollups(BillingDbContext db, Guid workspaceId, UsageFilter filter)
    {
        var rollups = db.UsageDailyRollups.AsNoTracking()
            .Where(r => r.WorkspaceId == workspaceId && r.Day >= filter.FromUtc && r.Day < filter.ToExclusiveUtc);
        if (filter.Agent is { } agent)
            rollups = rollups.Where(r => r.Agent == agent);
        if (filter.Key is { } key)
            rollups = rollups.Where(r => r.Key == key);
        if (filter.ApiKeyId is { } apiKeyId)
            rollups = rollups.Where(r => r.ApiKeyId == apiKeyId);
        return rollups;
    }

    private static Task<Dictionary<Guid, string>> ApiKeyNamesAsync(BillingDbContext db, Guid workspaceId, CancellationToken ct) =>
        db.ApiKeys.Where(k => k.WorkspaceId == workspaceId).ToDictionaryAsync(k => k.Id, k => k.Name, ct);

    private static string NameOf(Dictionary<Guid, string> names, Guid id) =>
        id == Guid.Empty ? NoApiKeyName : names.GetValueOrDefault(id, "Deleted key");

    private static List<SpendSlice> Largest(IEnumerable<SpendSlice> slices) =>
        [.. slices.OrderByDescending(s => s.CostMicros).ThenBy(s => s.Name, StringComparer.Ordinal)];
}
