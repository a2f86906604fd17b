using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments;

/// <summary>A card a provider saved for the workspace (Stripe setup session, local setup checkout).</summary>
public sealed record CardAttach(
    Guid WorkspaceId, PaymentProvider Provider, string ProviderMethodId,
    string Brand, string Last4, int ExpMonth, int ExpYear, Guid? SetupId = null);

/// <summary>
/// Records cards on file. Attaching is idempotent on the provider's method id (a webhook and a return page may
/// both report one card), and the workspace's first card becomes its default.
/// </summary>
public sealed class PaymentMethodStore(BillingWrites writes, TimeProvider clock)
{
    public async Task<PaymentMethod> AttachAsync(CardAttach card, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await writes.RunAsync((scope, ct) => AttachWithinAsync(scope.Db, card, ct), ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The same card attached concurrently (the server engines): the next attempt finds it.
            }
        }
    }

    private async Task<PaymentMethod> AttachWithinAsync(BillingDbContext db, CardAttach card, CancellationToken ct)
    {
        var method = await db.PaymentMethods.FirstOrDefaultAsync(m => m.Provider == card.Provider && m.ProviderMethodId == card.ProviderMethodId, ct);
        if (method is not null && method.WorkspaceId != card.WorkspaceId)
            throw new InvalidOperationException($"Card {card.ProviderMethodId} belongs to another workspace.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (method is null)
        {
            var hasDefault = await db.PaymentMethods.AnyAsync(m => m.WorkspaceId == card.WorkspaceId && m.RemovedAt == null && m.IsDefault, ct);
            method = new PaymentMethod
            {
                WorkspaceId = card.WorkspaceId,
                Provider = card.Provider,
                ProviderMethodId = card.ProviderMethodId,
                Brand = card.Brand,
                Last4 = card.Last4,
                ExpMonth = card.ExpMonth,
                ExpYear = card.ExpYear,
                IsDefault = !hasDefault,
                CreatedAt = now,
            };
            db.PaymentMethods.Add(method);
        }
        if (card.SetupId is { } setupId && await db.CardSetups.FirstOrDefaultAsync(s => s.Id == setupId && s.WorkspaceId == card.WorkspaceId, ct) is { Status: CardSetupStatus.Pending } setup)
        {
            setup.Status = CardSetupStatus.Completed;
            setup.PaymentMethodId = method.Id;
            setup.CompletedAt = now;
        }
        return method;
    }
}
