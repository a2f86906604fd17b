using BillingPortal.Domain.BillingDetails;
using BillingPortal.Features.BillingDetails;
using Stripe;

namespace BillingPortal.Features.Payments.Stripe;

/// <summary>
/// Keeps the workspace's Stripe customer addressed like its invoices: its one tax id (<c>/v1/customers/{id}/tax_ids</c>:
/// the current one added if missing, then the others removed, since Stripe's tax ids cannot be edited), and name,
/// e-mail and address on the customer (<c>POST /v1/customers/{id}</c>). The tax id comes first: it is the one thing
/// Stripe refuses for what it says (<c>tax_id_invalid</c>), and a refusal then leaves the customer as it was. Safe to
/// repeat: a second run changes nothing, and a second copy of the tax id is removed.
/// </summary>
public sealed class StripeCustomerDetails(IStripeClient client, StripeCustomers customers) : IBillingCustomerSync
{
    public async Task<CustomerSyncResult> SyncAsync(Guid workspaceId, BillingDetailsValues details, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(details);
        var customerId = await customers.GetOrCreateAsync(workspaceId, details.Email, ct);

        var taxIds = new CustomerTaxIdService(client);
        var existing = await taxIds.ListAsync(customerId, new CustomerTaxIdListOptions { Limit = 100 }, null, ct);
        // The first copy of the current one stays; any other, a second copy included (two saves racing), goes below.
        var keep = existing.Data.FirstOrDefault(t => t.Type == details.TaxIdType && t.Value == details.TaxId)?.Id;
        if (keep is null && details is { TaxIdType: { } type, TaxId: { } value })
        {
            // No idempotency key of our own: one made of the type and value would, for a day, answer a removed-then-restored
            // number with the first (deleted) tax id and add nothing. A second copy (a retried or racing create) goes at the next sync.
            try
            {
                keep = (await taxIds.CreateAsync(customerId, new CustomerTaxIdCreateOptions { Type = type, Value = value }, null, ct)).Id;
            }
            catch (StripeException ex) when (StripeMessages.TaxIdRefused(ex.StripeError, details) is { } refusal)
            {
                return new CustomerSyncResult(refusal);
            }
        }

        // An empty string clears a field at Stripe; null would leave an old value in place.
        await new CustomerService(client).UpdateAsync(customerId, new CustomerUpdateOptions
        {
            Name = details.LegalName,
            Email = details.Email ?? "",
            Address = new AddressOptions
            {
                Line1 = details.AddressLine1,
                Line2 = details.AddressLine2 ?? "",
                City = details.City,
                PostalCode = details.PostalCode ?? "",
                State = details.Region ?? "",
                Country = details.Country,
            },
        }, null, ct);
        foreach (var taxId in existing.Data.Where(t => t.Id != keep))
            await taxIds.DeleteAsync(customerId, taxId.Id, null, null, ct);
        return CustomerSyncResult.Accepted;
    }
}
