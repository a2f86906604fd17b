using BillingPortal.Domain.Payments;

namespace BillingPortal.Features.Payments.Gateway;

/// <summary>
/// The one seam to money movement. Exactly one adapter is registered: Stripe when <c>Stripe:SecretKey</c> and
/// <c>Stripe:WebhookSecret</c> are set, otherwise Local. Adapters move money and report what happened; they never
/// write the ledger: confirmations go through <c>PaymentFulfilment</c>, whichever path they arrive by.
/// </summary>
public interface IPaymentGateway
{
    PaymentProvider Provider { get; }

    /// <summary>Stripe's live mode (false for test keys and for the local gateway): confirmations must match it.</summary>
    bool LiveMode { get; }

    /// <summary>
    /// Opens a hosted checkout in payment mode for <paramref name="request"/>'s amount. Called at most once per
    /// payment by the purchase service, and safe to call again for the same payment (the provider's idempotency key
    /// is derived from the payment id), so a crash after the provider answered cannot open a second checkout.
    /// </summary>
    Task<CheckoutStart> StartPaymentCheckoutAsync(PaymentCheckoutRequest request, CancellationToken ct);

    /// <summary>Opens a hosted checkout in setup mode that saves a card for later off-session charges.</summary>
    Task<CheckoutStart> StartCardSetupAsync(CardSetupRequest request, CancellationToken ct);

    /// <summary>
    /// Charges a saved card without the customer present (auto top-up, invoices). Never throws for a decline: the
    /// outcome says why. The idempotency key makes a retried call the same charge at the provider.
    /// </summary>
    Task<OffSessionResult> ChargeOffSessionAsync(OffSessionChargeRequest request, CancellationToken ct);

    /// <summary>Detaches a card at the provider (best effort; the app's own row is what decides).</summary>
    Task DetachPaymentMethodAsync(PaymentMethod method, CancellationToken ct);

    /// <summary>A Customer Portal session URL, or null when the provider has none (local).</summary>
    Task<string?> CreatePortalUrlAsync(Guid workspaceId, string returnUrl, CancellationToken ct);
}

/// <param name="PaymentId">Our <see cref="Payment.Id"/>; it travels as client_reference_id and metadata, so callbacks find it.</param>
/// <param name="AmountMicros">Whole cents.</param>
/// <param name="SuccessUrl">Absolute; where the provider returns the customer after paying.</param>
/// <param name="CancelUrl">Absolute; where the provider returns the customer on cancel.</param>
public sealed record PaymentCheckoutRequest(
    Guid PaymentId, Guid WorkspaceId, long AmountMicros, string Currency, string Description,
    string SuccessUrl, string CancelUrl, string? CustomerEmail);

/// <param name="SetupId">Our <see cref="CardSetup.Id"/>.</param>
public sealed record CardSetupRequest(Guid SetupId, Guid WorkspaceId, string SuccessUrl, string CancelUrl, string? CustomerEmail)
{
    /// <summary>The page both URLs lead back to, for a checkout served by this app (the local one), which builds its own.</summary>
    public CardSetupReturn Then { get; init; } = CardSetupReturn.Payment;
}

/// <summary>A checkout the customer is sent to: the provider's id for it and its URL.</summary>
public sealed record CheckoutStart(string CheckoutId, string RedirectUrl);

/// <param name="PaymentId">Our <see cref="Payment.Id"/>, recorded before the call.</param>
/// <param name="IdempotencyKey">Stable across retries of this same charge attempt.</param>
public sealed record OffSessionChargeRequest(
    Guid PaymentId, Guid WorkspaceId, long AmountMicros, string Currency, string Description,
    PaymentMethod Method, string IdempotencyKey);

public enum OffSessionOutcome
{
    Succeeded,
    /// <summary>The provider accepted it but has not settled it yet; a callback will confirm or fail it.</summary>
    Processing,
    Declined,
    /// <summary>The card needs the cardholder (3-D Secure): an off-session charge cannot complete.</summary>
    AuthenticationRequired,
    /// <summary>The provider could not be reached or failed; the charge may or may not exist (retry with the same key).</summary>
    Error,
}

public sealed record OffSessionResult(
    OffSessionOutcome Outcome, string? ProviderPaymentId, string? ProviderChargeId,
    string? FailureCode, string? FailureMessage)
{
    public bool Succeeded => Outcome == OffSessionOutcome.Succeeded;
}
