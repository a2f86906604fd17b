using BillingPortal.Data;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.Payments;
using BillingPortal.Domain;

namespace BillingPortal.Features.Invoices.Collection;

/// <summary>
/// Invoice collection's part in fulfilment: the invoice is Paid (or its next attempt scheduled) in the same commit
/// that moves the payment (<see cref="InvoiceSettlement"/>); the managers are told once it has committed. Grants no credits.
/// </summary>
public sealed class InvoicePayments(INotifier notifier, TimeProvider clock, ILogger<InvoicePayments> log) : IPaymentPurposeHandler
{
    public PaymentPurpose Purpose => PaymentPurpose.Invoice;

    public LedgerEntryType? GrantsCreditsAs => null;

    public async Task<AfterCommit?> SucceededWithinAsync(WriteScope scope, Payment payment, CancellationToken ct) =>
        Tell(await InvoiceSettlement.PaidWithinAsync(scope.Db, payment, clock.GetUtcNow().UtcDateTime, log, ct));

    public async Task<AfterCommit?> FailedWithinAsync(WriteScope scope, Payment payment, CancellationToken ct) =>
        Tell(await InvoiceSettlement.FailedWithinAsync(scope.Db, payment, clock.GetUtcNow().UtcDateTime, log, ct));

    private AfterCommit? Tell(InvoiceSettled? settled) =>
        settled is null ? null : ct => InvoiceSettlement.NotifyAsync(notifier, settled, ct);
}
