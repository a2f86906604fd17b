using BillingPortal.Data;
using BillingPortal.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Activity;

/// <summary>What the Activity page and its export filter on; dates are whole UTC days, both ends included.</summary>
public sealed record ActivityFilter(string? Kind = null, string? Actor = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>Where the next page starts: the last row shown (the order is At, then Id, both descending).</summary>
public sealed record ActivityCursor(DateTime At, long Id);

public sealed record ActivityRows(IReadOnlyList<AuditEntry> Rows, ActivityCursor? Next);

/// <summary>
/// Reads a workspace's audit trail newest first, keyset-paged on (At, Id) so a row added while someone pages never
/// shifts or repeats a row (the (WorkspaceId, At, Id) index serves it).
/// </summary>
public sealed class ActivityQuery(IDbContextFactory<BillingDbContext> dbFactory)
{
    public const int MaxPageSize = 100;
    /// <summary>An export's ceiling; narrow the dates for more.</summary>
    public const int MaxExportRows = 50_000;

    public async Task<ActivityRows> PageAsync(Guid workspaceId, ActivityFilter filter, ActivityCursor? after, int size, CancellationToken ct = default)
    {
        size = Math.Clamp(size, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db, workspaceId, filter);
        if (after is { } c)
            query = query.Where(a => a.At < c.At || (a.At == c.At && a.Id < c.Id));
        var rows = await Newest(query).Take(size + 1).ToListAsync(ct);
        var next = rows.Count > size ? new ActivityCursor(rows[size - 1].At, rows[size - 1].Id) : null;
        return new ActivityRows(rows.Count > size ? rows[..size] : rows, next);
    }

    public async Task<IReadOnlyList<AuditEntry>> ExportRowsAsync(Guid workspaceId, ActivityFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Newest(Filtered(db, workspaceId, filter)).Take(MaxExportRows).ToListAsync(ct);
    }

    /// <summary>The people and system actors who appear in the workspace's trail, for the actor filter.</summary>
    public async Task<IReadOnlyList<string>> ActorsAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var actors = await db.AuditEntries.AsNoTracking().Where(a => a.WorkspaceId == workspaceId)
            .Select(a => a.ActorLabel).Distinct().ToListAsync(ct);
        return [.. actors.Order(StringComparer.OrdinalIgnoreCase)];
    }

    private static IQueryable<AuditEntry> Filtered(BillingDbContext db, Guid workspaceId, ActivityFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking().Where(a => a.WorkspaceId == workspaceId);
        if (!string.IsNullOrEmpty(filter.Kind))
        {
            var prefix = filter.Kind + ".";
            query = query.Where(a => a.Action.StartsWith(prefix));
        }
        if (!string.IsNullOrEmpty(filter.Actor))
            query = query.Where(a => a.ActorLabel == filter.Actor);
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.At < end);
        }
        return query;
    }

    private static IQueryable<AuditEntry> Newest(IQueryable<AuditEntry> query) =>
        query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id);
}
