using BillingPortal.Data;
using BillingPortal.Domain.Costs;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Usage;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.BillingApi.Costs;

/// <summary>
/// Answers a cost report for one workspace. Daily buckets come from <see cref="UsageDailyRollup"/> (no scan of raw
/// usage), so they agree with the Usage page and its export; hourly buckets and groups by user come from the line
/// items of at most a page's range, through the (workspace, timestamp) index. The database sums; this class only
/// lays the sums into buckets.
/// </summary>
public sealed class CostReportService(IDbContextFactory<BillingDbContext> dbFactory)
{
    public async Task<CostReport> GetAsync(Guid workspaceId, CostQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = query.NeedsLineItems ? await FromLineItemsAsync(db, workspaceId, query, ct) : await FromRollupsAsync(db, workspaceId, query, ct);
        var names = query.Groups.HasFlag(CostGroups.ApiKey)
            ? await db.ApiKeys.Where(k => k.WorkspaceId == workspaceId).ToDictionaryAsync(k => k.Id, k => k.Name, ct)
            : [];

        var byBucket = rows.ToLookup(r => r.Bucket);
        var buckets = query.BucketStarts().Select(start => new CostBucket(start, start + query.BucketLength,
            [.. byBucket[start]
                .Select(r => Result(r, names))
                .OrderByDescending(r => r.AmountMicros)
                .ThenBy(r => r.Agent, StringComparer.Ordinal).ThenBy(r => r.Model, StringComparer.Ordinal)
                .ThenBy(r => r.LineItem, StringComparer.Ordinal).ThenBy(r => r.ApiKeyName, StringComparer.Ordinal)
                .ThenBy(r => r.ApiKeyId).ThenBy(r => r.UserId, StringComparer.Ordinal)])).ToList();
        return new CostReport(buckets, query.HasMore, CostQueryText.NextPage(query), rows.Sum(r => r.AmountMicros));
    }

    private static CostResult Result(CostRow row, Dictionary<Guid, string> names)
    {
        var apiKey = row.ApiKeyId is { } id && id != Guid.Empty ? id : (Guid?)null;
        return new CostResult(row.AmountMicros, row.Quantity, row.Agent, row.Model,
            row.LineItem is { } kind ? LineItemName(kind) : null,
            apiKey,
            row.ByApiKey ? apiKey is { } k ? names.GetValueOrDefault(k, "Deleted key") : UsageQueryService.NoApiKeyName : null,
            row.UserId);
    }

    /// <summary>The API's word for a line item (llm, tool, storage), as the metering API and the export write it.</summary>
    public static string LineItemName(LineItemKind kind) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(kind.ToString());

    // EF.Constant puts each "group by this?" into the SQL as a literal, so the database groups by exactly the chosen
    // keys (a parameter would leave a CASE that PostgreSQL cannot match between GROUP BY and SELECT).
    private static async Task<List<CostRow>> FromRollupsAsync(BillingDbContext db, Guid workspaceId, CostQuery query, CancellationToken ct)
    {
        var (agent, model, lineItem, apiKey) = Chosen(query.Groups);
        var (from, to) = (query.PageStart, query.PageEnd);
        var sums = await db.UsageDailyRollups.AsNoTracking()
            .Where(r => r.WorkspaceId == workspaceId && r.Day >= from && r.Day < to)
            .GroupBy(r => new
            {
                r.Day,
                Agent = EF.Constant(agent) ? r.Agent : null,
                Model = EF.Constant(model) ? r.Key : null,
                LineItem = EF.Constant(lineItem) ? (LineItemKind?)r.LineItem : null,
                ApiKeyId = EF.Constant(apiKey) ? (Guid?)r.ApiKeyId : null,
            })
            .Select(g => new { g.Key, Amount = g.Sum(r => r.CostMicros), Quantity = g.Sum(r => r.Quantity) })
            .ToListAsync(ct);
        return [.. sums.Select(s => new CostRow(DateTime.SpecifyKind(s.Key.Day, DateTimeKind.Utc), s.Key.Agent, s.Key.Model, s.Key.LineItem,
            apiKey, s.Key.ApiKeyId, null, s.Amount, s.Quantity))];
    }

    private static async Task<List<CostRow>> FromLineItemsAsync(BillingDbContext db, Guid workspaceId, CostQuery query, CancellationToken ct)
    {
        var (agent, model, lineItem, apiKey) = Chosen(query.Groups);
        var user = query.Groups.HasFlag(CostGroups.User);
        var hourly = query.Bucket == CostBucketSize.Hour;
        var (from, to) = (query.PageStart, query.PageEnd);
        var sums = await db.UsageLineItems.AsNoTracking()
            .Where(li => li.WorkspaceId == workspaceId && li.Timestamp >= from && li.Timestamp < to)
            .GroupBy(li => new
            {
                li.Timestamp.Date,
                Hour = EF.Constant(hourly) ? li.Timestamp.Hour : 0,
                Agent = EF.Constant(agent) ? li.Agent : null,
                Model = EF.Constant(model) ? li.Key : null,
                LineItem = EF.Constant(lineItem) ? (LineItemKind?)li.LineItem : null,
                ApiKeyId = EF.Constant(apiKey) ? li.ApiKeyId : null,
                UserId = EF.Constant(user) ? li.UserId : null,
            })
            .Select(g => new { g.Key, Amount = g.Sum(li => li.CostMicros), Quantity = g.Sum(li => li.Quantity) })
            .ToListAsync(ct);
        return [.. sums.Select(s => new CostRow(DateTime.SpecifyKind(s.Key.Date, DateTimeKind.Utc).AddHours(s.Key.Hour), s.Key.Agent, s.Key.Model,
            s.Key.LineItem, apiKey, s.Key.ApiKeyId, s.Key.UserId, s.Amount, s.Quantity))];
    }

    private static (bool Agent, bool Model, bool LineItem, bool ApiKey) Chosen(CostGroups groups) => (
        groups.HasFlag(CostGroups.Agent), groups.HasFlag(CostGroups.Model), groups.HasFlag(CostGroups.LineItem), groups.HasFlag(CostGroups.ApiKey));

    private sealed record CostRow(
        DateTime Bucket, string? Agent, string? Model, LineItemKind? LineItem, bool ByApiKey, Guid? ApiKeyId, string? UserId, long AmountMicros, long Quantity);
}
