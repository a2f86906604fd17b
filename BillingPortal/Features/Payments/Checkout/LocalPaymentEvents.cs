using System.Text.Json;
using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments.Checkout;

/// <summary>What the local checkout says happened to a payment: the local gateway's equivalent of a Stripe event.</summary>
public sealed record LocalPaymentEvent(
    Guid PaymentId, Guid WorkspaceId, long AmountMicros, string Currency, string? Card,
    string? PaymentIntentId, string? ChargeId, string? FailureCode, string? FailureMessage)
{
    public const string SucceededType = "payment.succeeded";
    public const string FailedType = "payment.failed";

    public bool Succeeded => FailureCode is null;

    /// <summary>One event per payment: a local checkout settles its payment once, so a second Pay finds the first event.</summary>
    public string EventId => EventIdFor(PaymentId);

    public static string EventIdFor(Guid paymentId) => $"evt_local_{paymentId:N}";
}

/// <summary>
/// Local checkout outcomes, made durable before they are acted on, as Stripe's webhooks are: the event is committed on
/// its own, then handed to <see cref="PaymentFulfilment"/> and marked processed. A crash in between leaves an unprocessed
/// event that the next dispatch (the return page, or <see cref="LocalEventRetryService"/>) completes; fulfilment is
/// idempotent, so dispatching one event twice grants nothing twice.
/// </summary>
public sealed class LocalPaymentEvents(IDbContextFactory<BillingDbContext> dbFactory, PaymentFulfilment fulfilment, TimeProvider clock, ILogger<LocalPaymentEvents> log) : IPendingPaymentEvents
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Stores the event; false when this payment's event was already recorded (a double submit), which is then left as it is.</summary>
    public async Task<bool> RecordAsync(LocalPaymentEvent payment, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.WebhookEvents.AnyAsync(e => e.Provider == PaymentProvider.Local && e.EventId == payment.EventId, ct))
            return false;
        db.WebhookEvents.Add(new WebhookEvent
        {
            Provider = PaymentProvider.Local,
            EventId = payment.EventId,
            Type = payment.Succeeded ? LocalPaymentEvent.SucceededType : LocalPaymentEvent.FailedType,
            LiveMode = false,
            Payload = JsonSerializer.Serialize(payment, Json),
            ReceivedAt = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // the same payment's event committed first by a concurrent submit
        }
    }

    /// <summary>Hands one unprocessed event to fulfilment and marks it processed; null when it was already processed or does not exist.</summary>
    public async Task<FulfilmentResult?> DispatchAsync(string eventId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.WebhookEvents.AsNoTracking()
            .FirstOrDefaultAsync(e => e.Provider == PaymentProvider.Local && e.EventId == eventId && e.ProcessedAt == null, ct);
        if (stored?.Payload is not { } payload || JsonSerializer.Deserialize<LocalPaymentEvent>(payload, Json) is not { } payment)
            return null;

        var report = new PaymentReport($"local:{eventId}", payment.PaymentId, ProviderPaymentId: payment.PaymentIntentId,
            ProviderChargeId: payment.ChargeId, WorkspaceId: payment.WorkspaceId, AmountMicros: payment.AmountMicros,
            Currency: payment.Currency, LiveMode: false, CardDescription: payment.Card);
        var result = payment.Succeeded
            ? await fulfilment.ConfirmSucceededAsync(report, ct)
            : await fulfilment.RecordFailureAsync(report, payment.FailureCode, payment.FailureMessage, ct);

        var outcome = $"{result.Outcome}: {result.Detail}";
        await db.WebhookEvents.Where(e => e.Provider == PaymentProvider.Local && e.EventId == eventId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, clock.GetUtcNow().UtcDateTime)
                                      .SetProperty(e => e.Outcome, outcome.Length > 300 ? outcome[..300] : outcome), ct);
        return result;
    }

    /// <summary>Dispatches the local events left unprocessed (all of them, or only <paramref name="paymentId"/>'s); how many were.</summary>
    public async Task<int> DispatchPendingAsync(Guid? paymentId = null, CancellationToken ct = default)
    {
        List<string> pending;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var query = db.WebhookEvents.AsNoTracking().Where(e => e.Provider == PaymentProvider.Local && e.ProcessedAt == null);
            if (paymentId is { } id)
            {
                var eventId = LocalPaymentEvent.EventIdFor(id);
                query = query.Where(e => e.EventId == eventId);
            }
            pending = await query.OrderBy(e => e.ReceivedAt).Select(e => e.EventId).Take(50).ToListAsync(ct);
        }
        var done = 0;
        foreach (var eventId in pending)
        {
            try
            {
                if (await DispatchAsync(eventId, ct) is not null)
                    done++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Local payment event {EventId} failed to dispatch; it will be retried", eventId);
            }
        }
        return done;
    }
}
