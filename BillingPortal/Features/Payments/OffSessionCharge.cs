using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Gateway;

namespace BillingPortal.Features.Payments;

/// <summary>
/// What an off-session charge came to: the provider's outcome, and the payment as <see cref="PaymentFulfilment"/>
/// recorded it (null for <see cref="OffSessionOutcome.Error"/>, when nothing is recorded and the payment stays Pending).
/// </summary>
public sealed record OffSessionSettlement(OffSessionOutcome Outcome, FulfilmentResult? Recorded, string? FailureMessage);

/// <summary>
/// Charges a Pending payment to a saved card without the customer (auto top-up, invoice collection) and records the
/// provider's answer through <see cref="PaymentFulfilment"/>, the one place payments settle. The provider's
/// idempotency key is derived from the payment, so every re-drive of the same payment is the same charge.
/// </summary>
public static class OffSessionCharge
{
    /// <param name="keyPrefix">Whose charge it is ("auto-top-up", "invoice"): the key is <c>{keyPrefix}:{payment id}</c>.</param>
    public static async Task<OffSessionSettlement> ChargeAndRecordAsync(
        IPaymentGateway gateway, PaymentFulfilment fulfilment, Payment payment, PaymentMethod card, string keyPrefix, CancellationToken ct)
    {
        var key = Key(keyPrefix, payment.Id);
        var result = await gateway.ChargeOffSessionAsync(new OffSessionChargeRequest(
            payment.Id, payment.WorkspaceId, payment.AmountMicros, payment.Currency, payment.Description, card, key), ct);
        var report = new PaymentReport(key, PaymentId: payment.Id, ProviderPaymentId: result.ProviderPaymentId,
            ProviderChargeId: result.ProviderChargeId, WorkspaceId: payment.WorkspaceId, CardDescription: card.Display);
        switch (result.Outcome)
        {
            case OffSessionOutcome.Succeeded:
                return new(result.Outcome, await fulfilment.ConfirmSucceededAsync(report, ct), null);
            case OffSessionOutcome.Processing:
                return new(result.Outcome, await fulfilment.MarkProcessingAsync(report, ct), null);
            case OffSessionOutcome.Declined or OffSessionOutcome.AuthenticationRequired:
                var declined = result.Outcome == OffSessionOutcome.Declined;
                var message = result.FailureMessage ?? (declined
                    ? "The card was declined."
                    : "The card needs the cardholder to authenticate, which an automatic charge can't do.");
                var code = result.FailureCode ?? (declined ? "card_declined" : "authentication_required");
                return new(result.Outcome, await fulfilment.RecordFailureAsync(report, code, message, ct), message);
            default:
                // The charge may or may not exist: nothing is recorded, and the caller re-drives with the same key.
                return new(result.Outcome, null, result.FailureMessage is { } m ? $"{result.FailureCode} {m}" : result.FailureCode);
        }
    }

    public static string Key(string keyPrefix, Guid paymentId) => $"{keyPrefix}:{paymentId}";
}
