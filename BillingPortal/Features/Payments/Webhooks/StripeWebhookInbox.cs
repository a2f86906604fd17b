using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments.Webhooks;

/// <summary>
/// The WebhookEvents table for Stripe: each event id is recorded on arrival and marked processed when its effects
/// committed. A fast path and an audit trail; fulfilment's own idempotency is the guard, so a crash between the two
/// only means the retry does the (idempotent) work again.
/// </summary>
public sealed class StripeWebhookInbox(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Records the event; false when an earlier delivery already processed it.</summary>
    public async Task<bool> BeginAsync(string eventId, string type, bool liveMode, string payload, CancellationToken ct)
    {
        if (await FindAsync(eventId, ct) is { } seen)
            return seen.ProcessedAt is null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.WebhookEvents.Add(new WebhookEvent
        {
            Provider = PaymentProvider.Stripe,
            EventId = eventId,
            Type = type,
            LiveMode = liveMode,
            Payload = payload,
            ReceivedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // A concurrent delivery of the same event inserted it first: process unless it already finished.
            return (await FindAsync(eventId, ct))?.ProcessedAt is null;
        }
    }

    public async Task FinishAsync(string eventId, string outcome, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var text = outcome.Length <= 300 ? outcome : outcome[..300];
        var now = clock.GetUtcNow().UtcDateTime;
        await db.WebhookEvents
            .Where(e => e.Provider == PaymentProvider.Stripe && e.EventId == eventId && e.ProcessedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, now).SetProperty(e => e.Outcome, text), ct);
    }

    public async Task<WebhookEvent?> FindAsync(string eventId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WebhookEvents.AsNoTracking().FirstOrDefaultAsync(e => e.Provider == PaymentProvider.Stripe && e.EventId == eventId, ct);
    }
}
