using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Subscriptions;

/// <summary>Reads what a period's invoice reports from the ledger, by the entries' times, so a late run bills the same as a punctual one.</summary>
internal static class PeriodLedger
{
    /// <summary>
    /// Usage in [<paramref name="start"/>, <paramref name="end"/>) split by what paid for it, the credit purchases in
    /// it, and the credit balance at <paramref name="end"/> (the sum of every credit movement before it, so usage
    /// after the end, when the worker runs late, stays for the next period).
    /// </summary>
    public static async Task<PeriodUsage> ReadAsync(BillingDbContext db, Guid workspaceId, DateTime start, DateTime end, CancellationToken ct)
    {
        var entries = db.LedgerEntries.AsNoTracking().Where(e => e.WorkspaceId == workspaceId);
        var usage = entries.Where(e => e.Type == LedgerEntryType.Usage && e.CreatedAt >= start && e.CreatedAt < end);
        var fromAllowance = -await usage.SumAsync(e => e.AllowanceDeltaMicros, ct);
        var fromCredits = -await usage.SumAsync(e => e.CreditDeltaMicros, ct);
        var balance = await entries.Where(e => e.CreatedAt < end).SumAsync(e => e.CreditDeltaMicros, ct);
        var receipts = await entries
            .Where(e => (e.Type == LedgerEntryType.Purchase || e.Type == LedgerEntryType.AutoTopUp) && e.CreatedAt >= start && e.CreatedAt < end)
            .OrderBy(e => e.Id)
            .Select(e => new PaidReceipt(e.CreatedAt, e.Description, e.CreditDeltaMicros))
            .ToListAsync(ct);
        return new PeriodUsage(fromAllowance, fromCredits, balance, receipts);
    }
}
