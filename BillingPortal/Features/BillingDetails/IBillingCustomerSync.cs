using BillingPortal.Domain.BillingDetails;

namespace BillingPortal.Features.BillingDetails;

/// <summary>
/// The seam to a payment provider's copy of the customer: billing details are given to the provider's customer (the
/// same name, address, e-mail and tax id) before they are saved here. Stripe implements it (<c>Payments/Stripe</c>);
/// without a provider it does nothing.
/// </summary>
public interface IBillingCustomerSync
{
    /// <summary>
    /// Gives the provider's customer <paramref name="details"/>. A tax id the provider refuses is refused before anything
    /// else changes there, and comes back in <see cref="CustomerSyncResult.TaxIdRefusal"/>; a provider that cannot be
    /// reached (or fails otherwise) throws.
    /// </summary>
    Task<CustomerSyncResult> SyncAsync(Guid workspaceId, BillingDetailsValues details, CancellationToken ct);
}

/// <summary>What the provider made of the details.</summary>
/// <param name="TaxIdRefusal">Why it refused the tax id, in words for the person (naming the provider and the country); null when it took them.</param>
public sealed record CustomerSyncResult(string? TaxIdRefusal = null)
{
    public static CustomerSyncResult Accepted { get; } = new();
}

/// <summary>No provider keeps a customer (the local gateway): nothing to update.</summary>
internal sealed class NoCustomerSync : IBillingCustomerSync
{
    public Task<CustomerSyncResult> SyncAsync(Guid workspaceId, BillingDetailsValues details, CancellationToken ct) => Task.FromResult(CustomerSyncResult.Accepted);
}
