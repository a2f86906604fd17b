using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using BillingPortal.Domain;

namespace BillingPortal.Features.Credits.AutoTopUp;

/// <summary>
/// An auto top-up charge: grants its amount as an AutoTopUp entry. Its bookkeeping (the claim, retries, pausing) is
/// settled after the commit by <see cref="AutoTopUpSettlement"/>, an observer, because it may fail without undoing the payment.
/// </summary>
public sealed class AutoTopUpPayments : IPaymentPurposeHandler
{
    public PaymentPurpose Purpose => PaymentPurpose.AutoTopUp;

    public LedgerEntryType? GrantsCreditsAs => LedgerEntryType.AutoTopUp;

    public Task<AfterCommit?> SucceededWithinAsync(WriteScope scope, Payment payment, CancellationToken ct) => Task.FromResult<AfterCommit?>(null);

    public Task<AfterCommit?> FailedWithinAsync(WriteScope scope, Payment payment, CancellationToken ct) => Task.FromResult<AfterCommit?>(null);
}
