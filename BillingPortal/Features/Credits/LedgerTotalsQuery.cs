using BillingPortal.Data;
using BillingPortal.Domain;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Credits;

/// <summary>
/// The one read of a ledger's lifetime figures (<see cref="LedgerTotals"/>), shared by the Overview and Credits pages,
/// their APIs and the ledger export, so no two of them can count "credits added" differently.
/// </summary>
public static class LedgerTotalsQuery
{
    /// <summary>
    /// Sums per entry type and sign, folded by <see cref="LedgerTotals.From"/>. Entries after <paramref name="upToId"/>
    /// are left out, so the caller can bound the figures by the balances it read first and they agree.
    /// </summary>
    public static async Task<LedgerTotals> ReadAsync(BillingDbContext db, Guid workspaceId, long upToId = long.MaxValue, CancellationToken ct = default)
    {
        var sums = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.WorkspaceId == workspaceId && e.Id <= upToId)
            .GroupBy(e => new { e.Type, Down = e.CreditDeltaMicros < 0 })
            .Select(g => new { g.Key.Type, Credit = g.Sum(e => e.CreditDeltaMicros), Allowance = g.Sum(e => e.AllowanceDeltaMicros) })
            .ToListAsync(ct);
        return LedgerTotals.From(sums.Select(s => (s.Type, s.Credit, s.Allowance)));
    }
}
