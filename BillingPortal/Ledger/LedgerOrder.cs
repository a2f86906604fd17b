using BillingPortal.Domain;

namespace BillingPortal.Ledger;

/// <summary>
/// The one order in which the ledger is read: by when each entry happened, newest first, and among entries of the same
/// instant by posting order. An allowance reset is dated at its period's start though the worker may post it a few
/// minutes later, after usage of the new period; by time it sits where it happened. Served by the
/// (WorkspaceId, CreatedAt, Id) index.
/// </summary>
public static class LedgerOrder
{
    public static IOrderedQueryable<LedgerEntry> NewestFirst(this IQueryable<LedgerEntry> entries) =>
        entries.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id);
}
