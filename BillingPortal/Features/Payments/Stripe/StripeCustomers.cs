using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;
using Stripe;

namespace BillingPortal.Features.Payments.Stripe;

/// <summary>The workspace's Stripe customer (<c>cus_…</c>): created on first need, then read from PaymentCustomers.</summary>
public sealed class StripeCustomers(IStripeClient client, IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock)
{
    public async Task<string?> FindAsync(Guid workspaceId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PaymentCustomers.AsNoTracking()
            .Where(c => c.WorkspaceId == workspaceId && c.Provider == PaymentProvider.Stripe)
            .Select(c => c.CustomerId).FirstOrDefaultAsync(ct);
    }

    public async Task<string> GetOrCreateAsync(Guid workspaceId, string? email, CancellationToken ct)
    {
        if (await FindAsync(workspaceId, ct) is { } existing)
            return existing;

        string? name;
        await using (var read = await dbFactory.CreateDbContextAsync(ct))
            name = await read.Workspaces.Where(w => w.Id == workspaceId).Select(w => w.Name).FirstOrDefaultAsync(ct);
        // The key makes two concurrent first purchases (or a retry after a crash) one customer at Stripe.
        var customer = await new CustomerService(client).CreateAsync(new CustomerCreateOptions
        {
            Email = email,
            Name = name,
            Metadata = new Dictionary<string, string> { ["workspace_id"] = workspaceId.ToString() },
        }, new RequestOptions { IdempotencyKey = $"customer:{workspaceId}" }, ct);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.PaymentCustomers.Add(new PaymentCustomer
        {
            WorkspaceId = workspaceId,
            Provider = PaymentProvider.Stripe,
            CustomerId = customer.Id,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return customer.Id;
        }
        catch (DbUpdateException)
        {
            // A concurrent first use stored it first; theirs is the one.
            return await FindAsync(workspaceId, ct) ?? throw new InvalidOperationException($"No Stripe customer stored for workspace {workspaceId}.");
        }
    }
}
