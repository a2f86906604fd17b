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
        var (fromAllowance, fromCredits) = await UsageAsync(db, workspaceId, start, end, ct);
        var balance = await entries.Where(e => e.CreatedAt < end).SumAsync(e => e.CreditDeltaMicros, ct);
        var receipts = await entries
            .Where(e => (e.Type == LedgerEntryType.Purchase || e.Type == LedgerEntryType.AutoTopUp) && e.CreatedAt >= start && e.CreatedAt < end)
            .OrderBy(e => e.Id)
            .Select(e => new PaidReceipt(e.CreatedAt, e.Description, e.CreditDeltaMicros))
            .ToListAsync(ct);
        return new PeriodUsage(fromAllowance, fromCredits, balance, receipts);
    }

    /// <summary>
    /// Usage in [<paramref name="start"/>, <paramref name="end"/>) by the entries' times, split by what paid for it, as
    /// positive amounts: the invoice's usage line, and what the Plans page's what-if prices on each plan.
    /// </summary>
    public static async Task<(long FromAllowance, long FromCredits)> UsageAsync(BillingDbContext db, Guid workspaceId, DateTime start, DateTime end, CancellationToken ct)
    {
        var usage = db.LedgerEntries.AsNoTracking()
            .Where(e => e.WorkspaceId == workspaceId && e.Type == LedgerEntryType.Usage && e.CreatedAt >= start && e.CreatedAt < end);
        return (-await usage.SumAsync(e => e.AllowanceDeltaMicros, ct), -await usage.SumAsync(e => e.CreditDeltaMicros, ct));
    }
}
