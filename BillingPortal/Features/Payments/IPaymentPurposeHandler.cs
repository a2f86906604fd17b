using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using BillingPortal.Domain;

namespace BillingPortal.Features.Payments;

/// <summary>What to tell people once the fulfilment's transaction has committed (never before: it could still roll back).</summary>
public delegate Task AfterCommit(CancellationToken ct);

/// <summary>
/// One payment purpose's part in <see cref="PaymentFulfilment"/>: the feature that owns the purpose (credits, invoice
/// collection, auto top-up) implements it, so fulfilment calls one handler per purpose and knows none of them.
/// Its *Within* methods run inside the transaction that moves the payment, so their writes commit with it or not at all.
/// Exactly one handler per <see cref="PaymentPurpose"/> is registered; fulfilment refuses to start otherwise.
/// </summary>
public interface IPaymentPurposeHandler
{
    PaymentPurpose Purpose { get; }

    /// <summary>The entry type the payment's amount is granted as in credits (keyed <c>payment:{id}</c>), or null when it grants none.</summary>
    LedgerEntryType? GrantsCreditsAs { get; }

    /// <summary>The payment has just become Succeeded (its credits, if any, granted) in <paramref name="scope"/>.</summary>
    Task<AfterCommit?> SucceededWithinAsync(WriteScope scope, Payment payment, CancellationToken ct);

    /// <summary>The payment has just become Failed in <paramref name="scope"/>.</summary>
    Task<AfterCommit?> FailedWithinAsync(WriteScope scope, Payment payment, CancellationToken ct);
}
