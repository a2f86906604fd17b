using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Payments;

namespace BillingPortal.Features.Invoices.Collection;

public enum InvoiceCollectionOutcome
{
    Paid,
    /// <summary>Paid, void, or another attempt is in flight: nothing was charged by this call.</summary>
    NothingToDo,
    NoPaymentMethod,
    Failed,
    Processing,
    /// <summary>The provider could not be reached; retried later with the same idempotency key.</summary>
    ProviderError,
    NotFound,
}

public sealed record InvoiceCollection(InvoiceCollectionOutcome Outcome, Invoice? Invoice, Payment? Payment, string? FailureMessage = null);

/// <summary>
/// PLACEHOLDER (the collection helper replaces this file): charges invoices to the workspace's default payment method.
/// </summary>
public sealed class InvoiceCollector
{
    /// <summary>Charges one payable invoice now (after an upgrade, or "Pay now"); idempotent per attempt.</summary>
    public Task<InvoiceCollection> CollectAsync(Guid invoiceId, CancellationToken ct = default) =>
        Task.FromResult(new InvoiceCollection(InvoiceCollectionOutcome.NotFound, null, null));

    /// <summary>One pass of the worker: attempts due, invoices past their due date, long past-due workspaces paused. Returns the invoices touched.</summary>
    public Task<int> RunDueAsync(CancellationToken ct = default) => Task.FromResult(0);
}
