using System.Globalization;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Notifications;

namespace BillingPortal.Features.Payments;

/// <summary>A one-time credit purchase: grants its amount as a Purchase and tells the managers how it ended.</summary>
public sealed class CreditPurchasePayments(INotifier notifier) : IPaymentPurposeHandler
{
    public PaymentPurpose Purpose => PaymentPurpose.CreditPurchase;

    public LedgerEntryType? GrantsCreditsAs => LedgerEntryType.Purchase;

    public Task<AfterCommit?> SucceededWithinAsync(WriteScope scope, Payment payment, CancellationToken ct) =>
        Task.FromResult<AfterCommit?>(ct => notifier.NotifyBillingManagersAsync(new NotificationRequest(payment.WorkspaceId,
            NotificationTypes.PurchaseSucceeded, $"payment:{payment.Id}:succeeded",
            "Credits added", $"Your purchase of {Dollars(payment.AmountMicros)} in credits was confirmed."), ct));

    public Task<AfterCommit?> FailedWithinAsync(WriteScope scope, Payment payment, CancellationToken ct) =>
        Task.FromResult<AfterCommit?>(ct => notifier.NotifyBillingManagersAsync(new NotificationRequest(payment.WorkspaceId,
            NotificationTypes.PurchaseFailed, $"payment:{payment.Id}:failed",
            "Credit purchase failed", $"Your purchase of {Dollars(payment.AmountMicros)} in credits failed: {payment.FailureMessage}"), ct));

    private static string Dollars(long micros) => new Money(micros).Format(CultureInfo.InvariantCulture);
}
