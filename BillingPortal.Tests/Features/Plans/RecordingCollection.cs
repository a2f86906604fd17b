using System.Collections.Concurrent;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Features.Plans;

namespace BillingPortal.Tests.Features.Plans;

/// <summary>Records which invoices an upgrade asked to collect, and answers as a test sets it (the real charge is the collector's own test).</summary>
internal sealed class RecordingCollection : IUpgradeCollection
{
    public ConcurrentQueue<Guid> Collected { get; } = new();
    public InvoiceCollectionOutcome Outcome { get; set; } = InvoiceCollectionOutcome.Processing;
    public Exception? Throws { get; set; }

    public Task<InvoiceCollectionOutcome> CollectAsync(Guid invoiceId, CancellationToken ct = default)
    {
        Collected.Enqueue(invoiceId);
        return Throws is { } ex ? Task.FromException<InvoiceCollectionOutcome>(ex) : Task.FromResult(Outcome);
    }
}
