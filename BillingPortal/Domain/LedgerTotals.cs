namespace BillingPortal.Domain;

/// <summary>Where a ledger movement counts in a workspace's lifetime figures. Every page, export and API reads the same rule.</summary>
public enum LedgerCategory
{
    /// <summary>Purchases, automatic top-ups, grants and upward adjustments: credits added, counted gross.</summary>
    Added,
    /// <summary>Refunds and disputes: credits taken back after a payment was reversed.</summary>
    Reversed,
    /// <summary>Downward adjustments made by support.</summary>
    AdjustedDown,
    /// <summary>A negative balance moved onto an invoice: the credits go back to zero and the invoice carries the debt.</summary>
    MovedToInvoices,
    /// <summary>Usage, from the allowance and from credits.</summary>
    Spent,
    /// <summary>An allowance reset: the plan's allowance set back to full, which is not money added.</summary>
    AllowanceReset,
}

/// <summary>
/// The lifetime figures of one ledger, all as positive amounts, gross: "added" does not net out refunds, which are a
/// line of their own, as a bank or Stripe balance shows them. They reconcile with the wallet:
/// credit balance = added − reversed − adjusted down + moved to invoices − spent from credits.
/// </summary>
public sealed record LedgerTotals(
    Money Added, Money Reversed, Money AdjustedDown, Money MovedToInvoices, Money SpentFromCredits, Money SpentFromAllowance)
{
    public static LedgerTotals Empty { get; } = new(Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero, Money.Zero);

    /// <summary>All usage, whichever balance paid for it.</summary>
    public Money Spent => SpentFromCredits + SpentFromAllowance;

    /// <summary>The credit balance these movements leave: equal to the wallet's when every entry is counted.</summary>
    public Money CreditBalance => Added - Reversed - AdjustedDown + MovedToInvoices - SpentFromCredits;

    /// <summary>The category of a movement of <paramref name="creditDeltaMicros"/> credits posted as <paramref name="type"/>.</summary>
    public static LedgerCategory CategoryOf(LedgerEntryType type, long creditDeltaMicros) => type switch
    {
        LedgerEntryType.Purchase or LedgerEntryType.AutoTopUp or LedgerEntryType.Grant => LedgerCategory.Added,
        LedgerEntryType.Adjustment => creditDeltaMicros >= 0 ? LedgerCategory.Added : LedgerCategory.AdjustedDown,
        LedgerEntryType.Refund or LedgerEntryType.Dispute => LedgerCategory.Reversed,
        LedgerEntryType.InvoicedOverage => LedgerCategory.MovedToInvoices,
        LedgerEntryType.Usage => LedgerCategory.Spent,
        LedgerEntryType.AllowanceReset => LedgerCategory.AllowanceReset,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "A ledger entry type without a lifetime category."),
    };

    /// <summary>Folds sums per (type, sign) into the totals: what a grouped query returns, or a list of entries.</summary>
    public static LedgerTotals From(IEnumerable<(LedgerEntryType Type, long CreditDeltaMicros, long AllowanceDeltaMicros)> movements)
    {
        long added = 0, reversed = 0, down = 0, moved = 0, fromCredits = 0, fromAllowance = 0;
        foreach (var (type, credit, allowance) in movements)
        {
            switch (CategoryOf(type, credit))
            {
                case LedgerCategory.Added: added = checked(added + credit); break;
                case LedgerCategory.Reversed: reversed = checked(reversed - credit); break;
                case LedgerCategory.AdjustedDown: down = checked(down - credit); break;
                case LedgerCategory.MovedToInvoices: moved = checked(moved + credit); break;
                case LedgerCategory.Spent:
                    fromCredits = checked(fromCredits - credit);
                    fromAllowance = checked(fromAllowance - allowance);
                    break;
            }
        }
        return new(new(added), new(reversed), new(down), new(moved), new(fromCredits), new(fromAllowance));
    }
}
