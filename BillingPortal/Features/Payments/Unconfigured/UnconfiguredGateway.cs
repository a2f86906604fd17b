using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Gateway;

namespace BillingPortal.Features.Payments.Unconfigured;

/// <summary>
/// The gateway of a server with neither Stripe nor the local checkout allowed: it moves no money. Pages and services
/// check <see cref="PaymentsAvailability"/> before writing anything; this is the backstop for any path that does not.
/// </summary>
public sealed class UnconfiguredGateway : IPaymentGateway
{
    public const string FailureCode = "payments_not_configured";

    // Local: the provider column has no "none", and nothing is ever charged under this one.
    public PaymentProvider Provider => PaymentProvider.Local;

    public bool LiveMode => false;

    public Task<CheckoutStart> StartPaymentCheckoutAsync(PaymentCheckoutRequest request, CancellationToken ct) =>
        throw new PaymentsNotConfiguredException();

    public Task<CheckoutStart> StartCardSetupAsync(CardSetupRequest request, CancellationToken ct) =>
        throw new PaymentsNotConfiguredException();

    // An error, not a decline: nothing is recorded against the card, and a later run (once configured) charges it.
    public Task<OffSessionResult> ChargeOffSessionAsync(OffSessionChargeRequest request, CancellationToken ct) =>
        Task.FromResult(new OffSessionResult(OffSessionOutcome.Error, null, null, FailureCode, PaymentsAvailability.NotConfiguredMessage));

    public Task DetachPaymentMethodAsync(PaymentMethod method, CancellationToken ct) => Task.CompletedTask;

    public Task<string?> CreatePortalUrlAsync(Guid workspaceId, string returnUrl, CancellationToken ct) => Task.FromResult<string?>(null);
}
