using System.Text;
using BillingPortal.Features.Payments.Stripe;
using Stripe;

namespace BillingPortal.Features.Payments.Webhooks;

/// <summary>What the endpoint answers: 200 with the outcome, or 400 with why the delivery was refused.</summary>
public sealed record WebhookAnswer(bool Accepted, string? EventId, bool Duplicate, string Detail);

/// <summary>
/// One Stripe delivery: verify the signature, parse the event, record its id, translate it once, record the outcome.
/// Anything the signature does not vouch for is refused before it is read.
/// </summary>
public sealed class StripeWebhookReceiver(
    StripeOptions options,
    StripeWebhookInbox inbox,
    StripeEventTranslator translator,
    TimeProvider clock,
    ILogger<StripeWebhookReceiver> log)
{
    public async Task<WebhookAnswer> ReceiveAsync(byte[] body, string? signatureHeader, CancellationToken ct)
    {
        if (StripeSignature.Verify(body, signatureHeader, options.WebhookSecret!, clock.GetUtcNow()) is { } refusal)
        {
            log.LogWarning("Stripe webhook refused: {Reason}", refusal);
            return new WebhookAnswer(false, null, false, refusal);
        }

        string json;
        Event stripeEvent;
        try
        {
            json = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
            // Events from another API version still parse; the fields we read have been stable for years.
            stripeEvent = EventUtility.ParseEvent(json, throwOnApiVersionMismatch: false);
        }
        // Whatever the parser throws on a signed body that is not an event, the answer is a 400, never a 500.
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            log.LogWarning(ex, "A signed Stripe webhook body is not an event");
            return new WebhookAnswer(false, null, false, "The body is not a Stripe event.");
        }
        if (string.IsNullOrEmpty(stripeEvent.Id) || string.IsNullOrEmpty(stripeEvent.Type))
            return new WebhookAnswer(false, null, false, "The event has no id or type.");

        if (!await inbox.BeginAsync(stripeEvent.Id, stripeEvent.Type, stripeEvent.Livemode, json, ct))
        {
            log.LogInformation("Stripe event {EventId} ({Type}) was already processed", stripeEvent.Id, stripeEvent.Type);
            return new WebhookAnswer(true, stripeEvent.Id, true, "already processed");
        }
        // A throw here leaves the event unprocessed: Stripe's retry does it again, and fulfilment counts it once.
        var outcome = await translator.TranslateAsync(stripeEvent, ct);
        await inbox.FinishAsync(stripeEvent.Id, outcome, ct);
        if (outcome.StartsWith("mismatch", StringComparison.Ordinal))
            log.LogWarning("Stripe event {EventId} ({Type}) refused: {Outcome}", stripeEvent.Id, stripeEvent.Type, outcome);
        else
            log.LogInformation("Stripe event {EventId} ({Type}): {Outcome}", stripeEvent.Id, stripeEvent.Type, outcome);
        return new WebhookAnswer(true, stripeEvent.Id, false, outcome);
    }
}
