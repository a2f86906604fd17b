using BillingPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments.Methods;

/// <summary>The workspace's payments, newest first, a page at a time. Read-only; callers check billing:read first.</summary>
public sealed class ChargeHistoryQuery(IDbContextFactory<BillingDbContext> dbFactory)
{
    public const int MaxPageSize = 100;

    /// <param name="page">Zero-based.</param>
    public async Task<ChargePage> GetPageAsync(Guid workspaceId, int page, int pageSize, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(page);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payments = db.Payments.AsNoTracking().Where(p => p.WorkspaceId == workspaceId);
        var total = await payments.CountAsync(ct);
        // Ids are version-7 GUIDs, but SQLite orders GUID text, so the creation time orders and the id breaks ties.
        var rows = await payments
            .OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
            .Skip(page * pageSize).Take(pageSize)
            .Select(p => new
            {
                p.Id, p.CreatedAt, p.AmountMicros, p.Purpose, p.CardDescription, p.PaymentMethodId, p.Status,
                p.FailureCode, p.FailureMessage, p.RefundedMicros, p.DisputedMicros, p.InvoiceId,
            })
            .ToListAsync(ct);
        // The charge keeps its own card text; older rows without it fall back to the card row (kept after removal).
        var methodIds = rows.Where(r => r.CardDescription is null && r.PaymentMethodId is not null).Select(r => r.PaymentMethodId!.Value).Distinct().ToList();
        var cards = methodIds.Count == 0
            ? []
            : (await db.PaymentMethods.AsNoTracking().Where(m => methodIds.Contains(m.Id)).ToListAsync(ct)).ToDictionary(m => m.Id, m => m.Display);
        return new ChargePage(
            [.. rows.Select(r => new ChargeRow(
                r.Id, r.CreatedAt, r.AmountMicros, r.Purpose,
                r.CardDescription ?? (r.PaymentMethodId is { } id && cards.TryGetValue(id, out var card) ? card : null),
                r.Status, r.FailureCode, r.FailureMessage, r.RefundedMicros, r.DisputedMicros, r.InvoiceId))],
            total);
    }
}
