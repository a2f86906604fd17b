using BillingPortal.Data;
using BillingPortal.Domain.Usage;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Usage;

/// <summary>
/// A page of the runs table, built so that its cost does not grow with the history: every filter and order walks one
/// index and stops after the page, and the total is counted only up to <see cref="UsageQueryService.RunCountCap"/>.
/// The table lists the runs that started in the range (what its "Started" column shows).
/// </summary>
internal static class RunPageQuery
{
    public static async Task<(List<UsageRun> Page, int Counted)> RunAsync(BillingDbContext db, Guid workspaceId, RunQuery query, CancellationToken ct)
    {
        var filter = query.Filter;
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var skip = Math.Max(query.Page, 0) * pageSize;
        // With only a model or integration to match, its run-key index range alone is the count (no join per run).
        // A capped count still names its order (the start, each index's own), so which rows it stops at is defined.
        var counted = filter is { Key: { } onlyKey, Agent: null, ApiKeyId: null }
            ? await UsedKey(db, workspaceId, filter, onlyKey).OrderBy(k => k.FirstAt).Take(UsageQueryService.RunCountCap + 1).CountAsync(ct)
            : await Filtered(db, db.UsageRuns, workspaceId, filter).OrderBy(r => r.FirstAt).Take(UsageQueryService.RunCountCap + 1).CountAsync(ct);

        List<UsageRun> page;
        if (filter.Key is { } key && query.Sort == RunSort.Time)
            page = await ByKeyInTimeOrderAsync(db, workspaceId, filter, key, query.Descending, skip, pageSize, ct);
        else if (query.Sort == RunSort.Agent && filter.Agent is null)
            page = await ByAgentAsync(db, workspaceId, filter, query.Descending, skip, pageSize, ct);
        else
            page = await Ordered(Filtered(db, Source(db, query, filter), workspaceId, filter), query).Skip(skip).Take(pageSize).ToListAsync(ct);
        return (page, counted);
    }

    /// <summary>
    /// SQLite's planner prefers the start-time range and then sorts every run in it by cost; walking the cost index and
    /// filtering on the start instead stops after the page. (SQL Server's optimiser weighs the row goal itself.)
    /// </summary>
    private static IQueryable<UsageRun> Source(BillingDbContext db, RunQuery query, UsageFilter filter) =>
        query.Sort == RunSort.Cost && filter is { Key: null, Agent: null } && db.Database.IsSqlite()
            ? db.UsageRuns.FromSqlRaw("SELECT * FROM \"UsageRuns\" INDEXED BY \"IX_UsageRuns_WorkspaceId_CostMicros\"")
            : db.UsageRuns;

    private static IQueryable<UsageRun> Filtered(BillingDbContext db, IQueryable<UsageRun> source, Guid workspaceId, UsageFilter filter)
    {
        var runs = Started(source.AsNoTracking(), workspaceId, filter);
        if (filter.Agent is { } agent)
            runs = runs.Where(r => r.Agent == agent);
        if (filter.ApiKeyId is { } apiKeyId)
            runs = apiKeyId == Guid.Empty ? runs.Where(r => r.ApiKeyId == null) : runs.Where(r => r.ApiKeyId == apiKeyId);
        if (filter.Key is { } key)
            runs = UsedKey(db, workspaceId, filter, key).Join(runs, k => new { k.WorkspaceId, k.RunId }, r => new { r.WorkspaceId, r.RunId }, (k, r) => r);
        return runs;
    }

    private static IQueryable<UsageRun> Started(IQueryable<UsageRun> runs, Guid workspaceId, UsageFilter filter) =>
        runs.Where(r => r.WorkspaceId == workspaceId && r.FirstAt >= filter.FromUtc && r.FirstAt < filter.ToExclusiveUtc);

    /// <summary>The runs that used a model or integration, from the run-key index rather than the line items.</summary>
    private static IQueryable<UsageRunKey> UsedKey(BillingDbContext db, Guid workspaceId, UsageFilter filter, string key) =>
        db.UsageRunKeys.Where(k => k.WorkspaceId == workspaceId && k.Key == key && k.FirstAt >= filter.FromUtc && k.FirstAt < filter.ToExclusiveUtc);

    private static IQueryable<UsageRun> Ordered(IQueryable<UsageRun> runs, RunQuery query) => (query.Sort, query.Descending) switch
    {
        (RunSort.Cost, true) => runs.OrderByDescending(r => r.CostMicros).ThenByDescending(r => r.FirstAt),
        (RunSort.Cost, false) => runs.OrderBy(r => r.CostMicros).ThenBy(r => r.FirstAt),
        (RunSort.Agent, true) => runs.OrderByDescending(r => r.Agent).ThenByDescending(r => r.FirstAt),
        (RunSort.Agent, false) => runs.OrderBy(r => r.Agent).ThenBy(r => r.FirstAt),
        (_, true) => runs.OrderByDescending(r => r.FirstAt).ThenByDescending(r => r.RunId),
        (_, false) => runs.OrderBy(r => r.FirstAt).ThenBy(r => r.RunId),
    };

    /// <summary>Ordered by the key row's copy of the start, so the walk is the run-key index's own order.</summary>
    private static Task<List<UsageRun>> ByKeyInTimeOrderAsync(BillingDbContext db, Guid workspaceId, UsageFilter filter, string key, bool descending, int skip, int take, CancellationToken ct)
    {
        var runs = Filtered(db, db.UsageRuns, workspaceId, filter with { Key = null });
        var pairs = UsedKey(db, workspaceId, filter, key)
            .Join(runs, k => new { k.WorkspaceId, k.RunId }, r => new { r.WorkspaceId, r.RunId }, (k, r) => new { k.FirstAt, Run = r });
        var ordered = descending
            ? pairs.OrderByDescending(p => p.FirstAt).ThenByDescending(p => p.Run.RunId)
            : pairs.OrderBy(p => p.FirstAt).ThenBy(p => p.Run.RunId);
        return ordered.Skip(skip).Take(take).Select(p => p.Run).ToListAsync(ct);
    }

    /// <summary>
    /// Agents are few, so "by agent" is one start-ordered walk per agent, skipping whole agents by a capped count,
    /// instead of sorting every run in the range.
    /// </summary>
    private static async Task<List<UsageRun>> ByAgentAsync(BillingDbContext db, Guid workspaceId, UsageFilter filter, bool descending, int skip, int take, CancellationToken ct)
    {
        // The rollups name every agent with usage on those days: a superset of the agents with runs started then.
        var agents = await db.UsageDailyRollups.Where(r => r.WorkspaceId == workspaceId && r.Day >= filter.FromUtc && r.Day < filter.ToExclusiveUtc)
            .Select(r => r.Agent).Distinct().ToListAsync(ct);
        agents.Sort(StringComparer.Ordinal);
        if (descending)
            agents.Reverse();
        var page = new List<UsageRun>(take);
        foreach (var agent in agents)
        {
            var runs = Filtered(db, db.UsageRuns, workspaceId, filter with { Agent = agent });
            if (skip > 0)
            {
                var here = await runs.OrderBy(r => r.FirstAt).Take(skip + take).CountAsync(ct);
                if (here <= skip)
                {
                    skip -= here;
                    continue;
                }
            }
            var ordered = descending ? runs.OrderByDescending(r => r.FirstAt).ThenByDescending(r => r.RunId) : runs.OrderBy(r => r.FirstAt).ThenBy(r => r.RunId);
            var rows = await ordered.Skip(skip).Take(take - page.Count).ToListAsync(ct);
            page.AddRange(rows);
            skip = 0;
            if (page.Count == take)
                break;
        }
        return page;
    }
}
