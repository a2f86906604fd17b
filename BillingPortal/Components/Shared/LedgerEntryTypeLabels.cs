using BillingPortal.Domain;

namespace BillingPortal.Components.Shared;

/// <summary>How ledger entry types read to a person.</summary>
public static class LedgerEntryTypeLabels
{
    public static string For(LedgerEntryType type) => type switch
    {
        LedgerEntryType.Purchase => "Purchase",
        LedgerEntryType.AutoTopUp => "Auto top-up",
        LedgerEntryType.Usage => "Usage",
        LedgerEntryType.Refund => "Refund",
        LedgerEntryType.Grant => "Grant",
        LedgerEntryType.Adjustment => "Adjustment",
        LedgerEntryType.AllowanceReset => "Allowance reset",
        LedgerEntryType.Dispute => "Dispute",
        LedgerEntryType.InvoicedOverage => "Overage invoiced",
        _ => type.ToString(),
    };
}
