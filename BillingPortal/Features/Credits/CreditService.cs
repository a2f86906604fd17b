using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Credits;

/// <summary>Reads a workspace's credits: the summary, the ledger a page at a time, and the export. Callers check billing:read first.</summary>
public sealed class CreditService(IDbContextFactory<BillingDbContext> dbFactory)
{
    public const int RecentCount = 5;
    public const int MaxPageSize = 100;

    /// <summary>Balances, lifetime figures and the newest entries; null when the workspace has no wallet.</summary>
    public async Task<CreditSummary?> GetSummaryAsync(Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = db.LedgerEntries.Where(e => e.WorkspaceId == workspaceId);
        // The balances and the newest entry's id in one statement; the totals and the list are bounded by that id, so they agree.
        var row = await db.Wallets.AsNoTracking().Where(w => w.WorkspaceId == workspaceId)
            .Select(w => new
            {
                w.CreditBalanceMicros,
                w.AllowanceRemainingMicros,
                Threshold = db.CreditSettings.Where(s => s.WorkspaceId == workspaceId).Select(s => (long?)s.LowBalanceThresholdMicros).FirstOrDefault(),
                LastId = entries.Max(e => (long?)e.Id) ?? 0,
            })
            .FirstOrDefaultAsync(ct);
        if (row is null)
            return null;
        var lifetime = await LedgerTotalsQuery.ReadAsync(db, workspaceId, row.LastId, ct);
        var recent = await Rows(Filtered(db, workspaceId, LedgerFilter.All).Where(e => e.Id <= row.LastId).Take(RecentCount)).ToListAsync(ct);
        return new CreditSummary(
            new Money(row.CreditBalanceMicros), new Money(row.AllowanceRemainingMicros),
            new Money(row.Threshold ?? CreditSettings.DefaultLowBalanceThresholdMicros),
            lifetime, recent);
    }

    /// <param name="page">Zero-based; newest entries first.</param>
    public async Task<LedgerPage> GetLedgerPageAsync(Guid workspaceId, LedgerFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db, workspaceId, filter);
        var total = await query.CountAsync(ct);
        var rows = await Rows(query.Skip(page * pageSize).Take(pageSize)).ToListAsync(ct);
        return new LedgerPage(rows, total);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> entries the filter matches, newest first, strictly after <paramref name="after"/>
    /// in that order (keyset paging: an entry posted meanwhile never shifts a page, and none is seen twice).
    /// </summary>
    public async Task<IReadOnlyList<LedgerRow>> GetLedgerAfterAsync(
        Guid workspaceId, LedgerFilter filter, LedgerPosition? after, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPageSize + 1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = Filtered(db, workspaceId, filter);
        if (after is { } position)
        {
            var (at, id) = (position.CreatedAt, position.Id);
            query = query.Where(e => e.CreatedAt < at || (e.CreatedAt == at && e.Id < id)).NewestFirst();
        }
        return await Rows(query.Take(limit)).ToListAsync(ct);
    }

    /// <summary>Every entry the filter matches, newest first, for the export.</summary>
    public async Task<IReadOnlyList<LedgerRow>> GetExportRowsAsync(Guid workspaceId, LedgerFilter filter, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Rows(Filtered(db, workspaceId, filter)).ToListAsync(ct);
    }

    private static IQueryable<LedgerEntry> Filtered(BillingDbContext db, Guid workspaceId, LedgerFilter filter)
    {
        var query = db.LedgerEntries.AsNoTracking().Where(e => e.WorkspaceId == workspaceId);
        if (filter.Types.Count > 0)
        {
            var types = filter.Types.Distinct().ToList();
            query = query.Where(e => types.Contains(e.Type));
        }
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.CreatedAt >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.CreatedAt < end);
        }
        return query.NewestFirst();
    }

    private static IQueryable<LedgerRow> Rows(IQueryable<LedgerEntry> query) =>
        query.Select(e => new LedgerRow(e.Id, e.Type, e.Description, e.CreatedAt,
            e.CreditDeltaMicros, e.AllowanceDeltaMicros, e.BalanceAfterMicros, e.AllowanceAfterMicros, e.Reference));
}
