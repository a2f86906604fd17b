using System.Collections.Concurrent;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Gateway;

namespace BillingPortal.Tests.Features.Payments.Methods;

/// <summary>
/// A gateway for tests of the pages and services that start checkouts: it opens nothing, counts what it was asked,
/// and sends the customer straight to the return URL. The app's own gateway (Local or Stripe) wins when registered.
/// </summary>
public sealed class StubPaymentGateway : IPaymentGateway
{
    private int checkouts;

    public PaymentProvider Provider { get; init; } = PaymentProvider.Local;
    public bool LiveMode => false;

    /// <summary>How many payment checkouts were opened.</summary>
    public int CheckoutCount => checkouts;
    public ConcurrentBag<Guid> Detached { get; } = [];
    /// <summary>Makes every call throw, as an unreachable provider does.</summary>
    public bool Unreachable { get; set; }

    public Task<CheckoutStart> StartPaymentCheckoutAsync(PaymentCheckoutRequest request, CancellationToken ct)
    {
        ThrowIfUnreachable();
        Interlocked.Increment(ref checkouts);
        return Task.FromResult(new CheckoutStart($"stub_{request.PaymentId:N}", request.SuccessUrl));
    }

    public Task<CheckoutStart> StartCardSetupAsync(CardSetupRequest request, CancellationToken ct)
    {
        ThrowIfUnreachable();
        return Task.FromResult(new CheckoutStart($"stub_setup_{request.SetupId:N}", request.SuccessUrl));
    }

    public Task<OffSessionResult> ChargeOffSessionAsync(OffSessionChargeRequest request, CancellationToken ct) =>
        Task.FromResult(new OffSessionResult(OffSessionOutcome.Succeeded, $"stub_pi_{request.PaymentId:N}", null, null, null));

    public Task DetachPaymentMethodAsync(PaymentMethod method, CancellationToken ct)
    {
        ThrowIfUnreachable();
        Detached.Add(method.Id);
        return Task.CompletedTask;
    }

    public Task<string?> CreatePortalUrlAsync(Guid workspaceId, string returnUrl, CancellationToken ct) =>
        Task.FromResult(Provider == PaymentProvider.Stripe ? "https://billing.stripe.test/session/stub" : null);

    private void ThrowIfUnreachable()
    {
        if (Unreachable)
            throw new HttpRequestException("The stub provider is unreachable.");
    }
}
