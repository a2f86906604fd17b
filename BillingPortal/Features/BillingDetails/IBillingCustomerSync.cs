using BillingPortal.Domain.BillingDetails;

namespace BillingPortal.Features.BillingDetails;

/// <summary>
/// The seam to a payment provider's copy of the customer: after billing details are saved, the provider's customer
/// gets the same name, address, e-mail and tax id. Stripe implements it (<c>Payments/Stripe</c>); without a
/// provider it does nothing.
/// </summary>
public interface IBillingCustomerSync
{
    Task SyncAsync(Guid workspaceId, BillingDetailsValues details, CancellationToken ct);
}

/// <summary>No provider keeps a customer (the local gateway): nothing to update.</summary>
internal sealed class NoCustomerSync : IBillingCustomerSync
{
    public Task SyncAsync(Guid workspaceId, BillingDetailsValues details, CancellationToken ct) => Task.CompletedTask;
}
