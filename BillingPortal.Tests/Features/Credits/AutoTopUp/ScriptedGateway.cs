using System.Collections.Concurrent;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Gateway;

namespace BillingPortal.Tests.Features.Credits.AutoTopUp;

/// <summary>
/// A payment gateway whose off-session charges do what the test scripts: succeed, decline, need authentication,
/// fail at the provider, or wait at a gate until released. Like a real provider, a repeated idempotency key gets
/// the first answer back instead of a second charge. Checkouts are not part of auto top-up and throw.
/// </summary>
internal sealed class ScriptedGateway : IPaymentGateway
{
    private readonly ConcurrentDictionary<string, OffSessionResult> charges = new();

    public PaymentProvider Provider => PaymentProvider.Local;
    public bool LiveMode => false;

    /// <summary>How a new charge ends; succeeds unless a test says otherwise.</summary>
    public Func<OffSessionChargeRequest, OffSessionResult> Script { get; set; } = Succeed;

    /// <summary>When set, every call waits here first (a charge "in flight" at the provider).</summary>
    public TaskCompletionSource? Gate { get; set; }

    public ConcurrentQueue<OffSessionChargeRequest> Calls { get; } = new();

    /// <summary>The provider charges, but its answer is lost on the way back (a crash or timeout after the charge).</summary>
    public bool LoseAnswers { get; set; }

    /// <summary>Distinct charges the provider made: what the customer's card statement would show.</summary>
    public int DistinctCharges => charges.Count(c => c.Value.Outcome is OffSessionOutcome.Succeeded or OffSessionOutcome.Processing);

    public IReadOnlyList<string> DistinctKeys => Calls.Select(c => c.IdempotencyKey).Distinct().ToList();

    public async Task<OffSessionResult> ChargeOffSessionAsync(OffSessionChargeRequest request, CancellationToken ct)
    {
        Calls.Enqueue(request);
        if (Gate is { } gate)
            await gate.Task.WaitAsync(ct);
        // An error leaves no charge behind, so a retry with the key gets a fresh answer, as at Stripe.
        var result = charges.TryGetValue(request.IdempotencyKey, out var earlier) ? earlier : Script(request);
        if (result.Outcome != OffSessionOutcome.Error)
            charges.TryAdd(request.IdempotencyKey, result);
        if (LoseAnswers)
            return ProviderError(request);
        return charges.TryGetValue(request.IdempotencyKey, out var stored) ? stored : result;
    }

    public static OffSessionResult Succeed(OffSessionChargeRequest r) =>
        new(OffSessionOutcome.Succeeded, $"pi_{r.PaymentId:N}", $"ch_{r.PaymentId:N}", null, null);

    public static OffSessionResult Decline(OffSessionChargeRequest r) =>
        new(OffSessionOutcome.Declined, $"pi_{r.PaymentId:N}", null, "card_declined", "Your card was declined.");

    public static OffSessionResult NeedsAuthentication(OffSessionChargeRequest r) =>
        new(OffSessionOutcome.AuthenticationRequired, $"pi_{r.PaymentId:N}", null, "authentication_required",
            "This card needs the cardholder to authenticate each payment.");

    public static OffSessionResult ProviderError(OffSessionChargeRequest r) =>
        new(OffSessionOutcome.Error, null, null, "api_connection_error", "The provider could not be reached.");

    public static OffSessionResult Processing(OffSessionChargeRequest r) =>
        new(OffSessionOutcome.Processing, $"pi_{r.PaymentId:N}", null, null, null);

    public Task<CheckoutStart> StartPaymentCheckoutAsync(PaymentCheckoutRequest request, CancellationToken ct) => throw new NotSupportedException();
    public Task<CheckoutStart> StartCardSetupAsync(CardSetupRequest request, CancellationToken ct) => throw new NotSupportedException();
    public Task DetachPaymentMethodAsync(PaymentMethod method, CancellationToken ct) => Task.CompletedTask;
    public Task<string?> CreatePortalUrlAsync(Guid workspaceId, string returnUrl, CancellationToken ct) => Task.FromResult<string?>(null);
}
