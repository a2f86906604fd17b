using BillingPortal.Domain.Payments;

namespace BillingPortal.Features.Payments;

/// <summary>
/// What a provider says about one of our payments, in the provider's neutral terms. The payment is found by
/// <see cref="PaymentId"/> (client_reference_id or metadata), else by the provider's checkout, payment or charge id;
/// every field that is set must match what we asked for, or nothing is granted.
/// </summary>
/// <param name="Source">Who reported it, for the log and the audit: "stripe:evt_…", "local:evt_…", "return-page".</param>
public sealed record PaymentReport(
    string Source,
    Guid? PaymentId = null,
    string? CheckoutId = null,
    string? ProviderPaymentId = null,
    string? ProviderChargeId = null,
    Guid? WorkspaceId = null,
    long? AmountMicros = null,
    string? Currency = null,
    bool? LiveMode = null,
    /// <summary>The card that paid, when the provider says ("Visa •••• 4242").</summary>
    string? CardDescription = null);

public enum FulfilmentOutcome
{
    /// <summary>This call granted the credits (or settled a payment that grants none).</summary>
    Applied,
    /// <summary>Already in this state: an earlier confirmation did it. Harmless.</summary>
    AlreadyDone,
    /// <summary>The report names no payment of ours. Logged, harmless.</summary>
    UnknownPayment,
    /// <summary>The report disagrees with the payment (amount, currency, mode or workspace). Logged, nothing granted.</summary>
    Mismatch,
    /// <summary>The report would move a settled payment backwards (a failure after success). Logged, ignored.</summary>
    Ignored,
}

public sealed record FulfilmentResult(FulfilmentOutcome Outcome, Payment? Payment, string Detail)
{
    public bool Changed => Outcome == FulfilmentOutcome.Applied;
}

/// <summary>Told after a payment settles (succeeded or failed) and its transaction committed: auto top-up clears its claim here.</summary>
public interface IPaymentObserver
{
    Task OnPaymentSettledAsync(Payment payment, CancellationToken ct);
}
