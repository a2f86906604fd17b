using BillingPortal.Data;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Activity;
using BillingPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments;

/// <summary>A card a provider saved for the workspace (Stripe setup session, local setup checkout).</summary>
public sealed record CardAttach(
    Guid WorkspaceId, PaymentProvider Provider, string ProviderMethodId,
    string Brand, string Last4, int ExpMonth, int ExpYear, Guid? SetupId = null)
{
    /// <summary>Who added the card, for the audit trail: Stripe's webhook, the local checkout's user; a worker when not said.</summary>
    public AuditActor? By { get; init; }
}

/// <summary>
/// Records cards on file. Attaching is idempotent on the provider's method id (a webhook and a return page may
/// both report one card), and the workspace's first card becomes its default.
/// </summary>
public sealed class PaymentMethodStore(BillingWrites writes, TimeProvider clock, AuditTrail? trail = null)
{
    // Built without the app's services (some tests), the writer still records, as a worker.
    private readonly AuditTrail trail = trail ?? new AuditTrail(clock);
    public async Task<PaymentMethod> AttachAsync(CardAttach card, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await writes.RunAsync((scope, ct) => AttachWithinAsync(scope, card, ct), ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The same card attached concurrently (the server engines): the next attempt finds it.
            }
        }
    }

    private async Task<PaymentMethod> AttachWithinAsync(WriteScope scope, CardAttach card, CancellationToken ct)
    {
        var db = scope.Db;
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
            // Only a new card is recorded: the webhook and the return page reporting one card record it once.
            trail.RecordWithin(scope, card.By ?? AuditActor.Worker(), new AuditChange(card.WorkspaceId, AuditActions.PaymentMethodAdded,
                method.Id.ToString(), method.Display, null, Snapshot(method)));
        }
        if (card.SetupId is { } setupId && await db.CardSetups.FirstOrDefaultAsync(s => s.Id == setupId && s.WorkspaceId == card.WorkspaceId, ct) is { Status: CardSetupStatus.Pending } setup)
        {
            setup.Status = CardSetupStatus.Completed;
            setup.PaymentMethodId = method.Id;
            setup.CompletedAt = now;
        }
        return method;
    }

    /// <summary>A card as the audit trail records it: what the page shows, never the provider's token.</summary>
    internal static Dictionary<string, object?> Snapshot(PaymentMethod card) => new()
    {
        ["card"] = card.Display,
        ["expires"] = $"{card.ExpMonth:00}/{card.ExpYear}",
        ["default"] = card.IsDefault,
    };
}
