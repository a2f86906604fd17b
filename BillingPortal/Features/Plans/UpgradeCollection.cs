using BillingPortal.Features.Invoices.Collection;

namespace BillingPortal.Features.Plans;

/// <summary>Charges an upgrade's invoice right after it commits; a seam so tests can see the call without a charge.</summary>
public interface IUpgradeCollection
{
    Task<InvoiceCollectionOutcome> CollectAsync(Guid invoiceId, CancellationToken ct = default);
}

/// <summary>The real thing: the invoices feature's collector, which owns attempts, retries and fulfilment.</summary>
public sealed class UpgradeCollection(InvoiceCollector collector) : IUpgradeCollection
{
    public async Task<InvoiceCollectionOutcome> CollectAsync(Guid invoiceId, CancellationToken ct = default) =>
        (await collector.CollectAsync(invoiceId, ct)).Outcome;
}
