using BillingPortal.Domain;

namespace BillingPortal.Features.Credits;

/// <summary>
/// A ledger's figures over the API (<see cref="LedgerTotals"/>), the same on the overview, the ledger export and every
/// page: added is gross (purchases, top-ups, grants, upward adjustments); refunds and disputes are
/// <c>reversedMicros</c>; the credit balance = added − reversed − adjustedDown + movedToInvoices − spentFromCredits.
/// </summary>
public sealed record LedgerTotalsResponse(
    long AddedMicros, long ReversedMicros, long AdjustedDownMicros, long MovedToInvoicesMicros,
    long SpentFromCreditsMicros, long SpentFromAllowanceMicros, long SpentMicros)
{
    public static LedgerTotalsResponse From(LedgerTotals t) => new(
        t.Added.Micros, t.Reversed.Micros, t.AdjustedDown.Micros, t.MovedToInvoices.Micros,
        t.SpentFromCredits.Micros, t.SpentFromAllowance.Micros, t.Spent.Micros);
}
