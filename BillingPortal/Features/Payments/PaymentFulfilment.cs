using System.Globalization;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Activity;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Notifications;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Payments;

/// <summary>
/// The one place where a provider's word about a payment becomes money in the ledger. Every path (the local
/// checkout, a Stripe webhook, the return page, an off-session charge) reports here. Each call is one transaction
/// that locks the payment, re-reads it and moves it forward only: a credit is granted by the entry keyed
/// <c>payment:{id}</c> in the same commit that marks the payment Succeeded, so it happens exactly once however
/// often, concurrently or out of order the confirmations arrive, and a crash before commit leaves it for the next one.
/// </summary>
public sealed class PaymentFulfilment(
    IDbContextFactory<BillingDbContext> dbFactory,
    BillingWrites writes,
    CreditLedger ledger,
    INotifier notifier,
    IEnumerable<IPaymentPurposeHandler> handlers,
    IEnumerable<IPaymentObserver> observers,
    TimeProvider clock,
    ILogger<PaymentFulfilment> log,
    AuditTrail? trail = null)
{
    // Built without the app's services (some tests), the writer still records, as a worker.
    private readonly AuditTrail trail = trail ?? new AuditTrail(clock);
    private readonly IPaymentObserver[] observers = observers.ToArray();
    private readonly Dictionary<PaymentPurpose, IPaymentPurposeHandler> handlers = OnePerPurpose(handlers);

    /// <summary>The money arrived: mark the payment Succeeded and grant its credits (purchases and top-ups).</summary>
    public async Task<FulfilmentResult> ConfirmSucceededAsync(PaymentReport report, CancellationToken ct = default)
    {
        AfterCommit? afterCommit = null;
        var result = await InPaymentTransactionAsync(report, async (scope, payment) =>
        {
            var db = scope.Db;
            var handler = HandlerFor(payment);
            PostingResult? credit = null;
            if (payment.Status == PaymentStatus.Succeeded)
                return Done(payment, "already succeeded");
            // Success is final and beats an earlier failure: Stripe may fail one attempt and succeed with the next card.
            Advance(payment, PaymentStatus.Succeeded, report);
            payment.FailureCode = null;
            payment.FailureMessage = null;
            if (handler.GrantsCreditsAs is { } type)
            {
                credit = await ledger.PostCreditWithinAsync(scope, type, new Posting(
                    payment.WorkspaceId, payment.AmountMicros, $"payment:{payment.Id}", payment.Description,
                    Reference: payment.ProviderPaymentId ?? payment.CheckoutId ?? payment.Id.ToString(), UserId: payment.CreatedByUserId), ct);
                payment.CreditEntryId = credit.Entry!.Id;
                // A refund or dispute that overtook this confirmation was recorded without an entry (nothing was granted
                // then); now that the credit is, take those amounts back too, under the keys ReverseAsync would use.
                await ReverseRecordedAsync(scope, payment, ct);
            }
            // The purpose's own part (an invoice becomes Paid) commits with the payment.
            afterCommit = await handler.SucceededWithinAsync(scope, payment, ct);
            await db.SaveChangesAsync(ct);
            return Applied(payment, credit is null ? "succeeded" : $"credited {Dollars(payment.AmountMicros)}");
        }, ct);
        if (result.Changed)
        {
            // The ledger has published its entries already: the unit of work does so once it has committed.
            if (afterCommit is not null)
                await afterCommit(ct);
            await SettledAsync(result.Payment!, ct);
        }
        return result;
    }

    /// <summary>The customer finished but the money is still on its way (an async payment method): show it as processing.</summary>
    public Task<FulfilmentResult> MarkProcessingAsync(PaymentReport report, CancellationToken ct = default) =>
        LeavePendingAsync(report, PaymentStatus.Processing, ct);

    /// <summary>The checkout expired or was abandoned: Pending becomes Canceled. A later success still wins (it is final).</summary>
    public Task<FulfilmentResult> MarkCanceledAsync(PaymentReport report, CancellationToken ct = default) =>
        LeavePendingAsync(report, PaymentStatus.Canceled, ct);

    /// <summary>Moves a Pending payment to <paramref name="status"/>; any other state is left as it is.</summary>
    private Task<FulfilmentResult> LeavePendingAsync(PaymentReport report, PaymentStatus status, CancellationToken ct) =>
        InPaymentTransactionAsync(report, async (scope, payment) =>
        {
            var db = scope.Db;
            var name = status.ToString().ToLowerInvariant();
            if (payment.Status != PaymentStatus.Pending)
                return payment.Status == status ? Done(payment, $"already {name}") : Ignore(payment, $"already {payment.Status}");
            Advance(payment, status, report);
            await db.SaveChangesAsync(ct);
            return Applied(payment, name);
        }, ct);

    /// <summary>The payment failed. Never undoes a success; grants nothing; tells the managers once.</summary>
    public async Task<FulfilmentResult> RecordFailureAsync(PaymentReport report, string? failureCode, string? failureMessage, CancellationToken ct = default)
    {
        AfterCommit? afterCommit = null;
        var result = await InPaymentTransactionAsync(report, async (scope, payment) =>
        {
            var db = scope.Db;
            if (payment.Status == PaymentStatus.Succeeded)
                return Ignore(payment, "a failure reported after success");
            if (payment.Status == PaymentStatus.Failed)
                return Done(payment, "already failed");
            Advance(payment, PaymentStatus.Failed, report);
            payment.FailureCode = Truncate(failureCode, 100);
            payment.FailureMessage = Truncate(failureMessage ?? "The payment was declined.", 500);
            // The purpose's own part (an invoice's next attempt is scheduled) commits with the payment.
            afterCommit = await HandlerFor(payment).FailedWithinAsync(scope, payment, ct);
            await db.SaveChangesAsync(ct);
            return Applied(payment, $"failed: {payment.FailureCode}");
        }, ct);
        if (result.Changed)
        {
            if (afterCommit is not null)
                await afterCommit(ct);
            await SettledAsync(result.Payment!, ct);
        }
        return result;
    }

    /// <summary>
    /// The provider refunded part or all of the payment. <paramref name="refundedTotalMicros"/> is the running total
    /// (Stripe's <c>amount_refunded</c>), so late or repeated reports add only what is new. Granted credits are taken
    /// back with a negative entry, even below zero; the payment's own entry is never edited.
    /// </summary>
    public Task<FulfilmentResult> RecordRefundAsync(PaymentReport report, long refundedTotalMicros, CancellationToken ct = default) =>
        ReverseAsync(report, refundedTotalMicros, LedgerEntryType.Refund, ct);

    /// <summary>A dispute (chargeback) was opened for <paramref name="disputedTotalMicros"/>: as a refund, but its own entry type.</summary>
    public Task<FulfilmentResult> RecordDisputeAsync(PaymentReport report, long disputedTotalMicros, CancellationToken ct = default) =>
        ReverseAsync(report, disputedTotalMicros, LedgerEntryType.Dispute, ct);

    private async Task<FulfilmentResult> ReverseAsync(PaymentReport report, long totalMicros, LedgerEntryType type, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalMicros);
        var noun = type == LedgerEntryType.Refund ? "refund" : "dispute";
        var result = await InPaymentTransactionAsync(report with { AmountMicros = null }, async (scope, payment) =>
        {
            var db = scope.Db;
            var already = type == LedgerEntryType.Refund ? payment.RefundedMicros : payment.DisputedMicros;
            // Refunds and disputes together never take back more than was paid.
            var room = payment.AmountMicros - payment.RefundedMicros - payment.DisputedMicros;
            var delta = Math.Min(totalMicros - already, room);
            if (delta <= 0)
                return Done(payment, $"{noun} of {Dollars(totalMicros)} already recorded");
            if (type == LedgerEntryType.Refund)
                payment.RefundedMicros += delta;
            else
                payment.DisputedMicros += delta;
            payment.UpdatedAt = Now;
            if (payment.CreditEntryId is not null)
            {
                await ledger.PostCreditWithinAsync(scope, type, new Posting(
                    payment.WorkspaceId, -delta, $"{noun}:{payment.Id}:{already + delta}",
                    $"{(type == LedgerEntryType.Refund ? "Refund" : "Dispute")} of {payment.Description}",
                    Reference: payment.ProviderChargeId ?? payment.ProviderPaymentId ?? payment.Id.ToString()), ct);
            }
            // Refunds and disputes reach us only from the provider (Stripe's webhooks): Stripe is the actor.
            var field = type == LedgerEntryType.Refund ? "refundedMicros" : "disputedMicros";
            trail.RecordWithin(scope, AuditActor.Stripe(payment.ProviderChargeId ?? payment.ProviderPaymentId),
                new AuditChange(payment.WorkspaceId, type == LedgerEntryType.Refund ? AuditActions.PaymentRefunded : AuditActions.PaymentDisputed,
                    payment.Id.ToString(), payment.Description,
                    new Dictionary<string, object?> { [field] = already }, new Dictionary<string, object?> { [field] = already + delta }));
            await db.SaveChangesAsync(ct);
            return Applied(payment, $"{noun} of {Dollars(delta)}");
        }, ct);
        if (result.Changed)
        {
            var payment = result.Payment!;
            var total = type == LedgerEntryType.Refund ? payment.RefundedMicros : payment.DisputedMicros;
            await notifier.NotifyBillingManagersAsync(new NotificationRequest(payment.WorkspaceId,
                type == LedgerEntryType.Refund ? NotificationTypes.PaymentRefunded : NotificationTypes.PaymentDisputed,
                $"{noun}:{payment.Id}:{total}",
                type == LedgerEntryType.Refund ? "Payment refunded" : "Payment disputed",
                type == LedgerEntryType.Refund
                    ? $"{Dollars(total)} of the {Dollars(payment.AmountMicros)} payment was refunded; the credits were taken back."
                    : $"A dispute was opened for {Dollars(total)} of the {Dollars(payment.AmountMicros)} payment; the credits were taken back.",
                "billing/payment"), ct);
        }
        return result;
    }

    private async Task ReverseRecordedAsync(WriteScope scope, Payment payment, CancellationToken ct)
    {
        foreach (var (type, total) in ((LedgerEntryType, long)[])[(LedgerEntryType.Refund, payment.RefundedMicros), (LedgerEntryType.Dispute, payment.DisputedMicros)])
        {
            if (total <= 0)
                continue;
            var noun = type == LedgerEntryType.Refund ? "refund" : "dispute";
            await ledger.PostCreditWithinAsync(scope, type, new Posting(
                payment.WorkspaceId, -total, $"{noun}:{payment.Id}:{total}",
                $"{(type == LedgerEntryType.Refund ? "Refund" : "Dispute")} of {payment.Description}",
                Reference: payment.ProviderChargeId ?? payment.ProviderPaymentId ?? payment.Id.ToString()), ct);
        }
    }

    /// <summary>
    /// Finds the payment, then in one unit of work that holds the payment's row lock (SQLite: the database write lock)
    /// checks the report against a fresh read of it and runs <paramref name="apply"/>; commits only what changed something.
    /// </summary>
    private async Task<FulfilmentResult> InPaymentTransactionAsync(PaymentReport report, Func<WriteScope, Payment, Task<FulfilmentResult>> apply, CancellationToken ct)
    {
        Guid? id;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
            id = await FindIdAsync(db, report, ct);
        if (id is not { } paymentId)
        {
            log.LogWarning("Payment report from {Source} names no known payment (checkout {CheckoutId}, payment {ProviderPaymentId}, charge {ChargeId})",
                report.Source, report.CheckoutId, report.ProviderPaymentId, report.ProviderChargeId);
            return new FulfilmentResult(FulfilmentOutcome.UnknownPayment, null, "unknown payment");
        }

        var result = await writes.RunAsync(async (scope, ct) =>
        {
            // Two confirmations of one payment queue here instead of both reading Pending.
            await scope.LockAsync<Payment>(p => p.Id, paymentId, ct);
            var payment = await scope.Db.Payments.SingleAsync(p => p.Id == paymentId, ct);
            if (Mismatch(payment, report) is { } mismatch)
            {
                log.LogWarning("Payment report from {Source} for payment {PaymentId} refused: {Mismatch}", report.Source, payment.Id, mismatch);
                return new FulfilmentResult(FulfilmentOutcome.Mismatch, payment, $"mismatch: {mismatch}");
            }
            return await apply(scope, payment);
        }, commitWhen: r => r.Changed, attempts: 1, ct);
        if (result.Outcome != FulfilmentOutcome.Mismatch)
            log.LogInformation("Payment {PaymentId} report from {Source}: {Outcome} ({Detail})", paymentId, report.Source, result.Outcome, result.Detail);
        return result;
    }

    private static async Task<Guid?> FindIdAsync(BillingDbContext db, PaymentReport report, CancellationToken ct)
    {
        var payments = db.Payments.AsNoTracking();
        if (report.PaymentId is { } paymentId)
            return await payments.Where(p => p.Id == paymentId).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (report.CheckoutId is { } checkout)
            return await payments.Where(p => p.CheckoutId == checkout).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (report.ProviderPaymentId is { } intent)
            return await payments.Where(p => p.ProviderPaymentId == intent).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (report.ProviderChargeId is { } charge)
            return await payments.Where(p => p.ProviderChargeId == charge).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        return null;
    }

    /// <summary>Why the report cannot be about this payment as we created it, or null when everything it says matches.</summary>
    private static string? Mismatch(Payment payment, PaymentReport report)
    {
        if (report.WorkspaceId is { } workspace && workspace != payment.WorkspaceId)
            return $"workspace {workspace} is not the payment's {payment.WorkspaceId}";
        if (report.AmountMicros is { } amount && amount != payment.AmountMicros)
            return $"amount {amount} µ$ is not the {payment.AmountMicros} µ$ asked for";
        if (report.Currency is { } currency && !string.Equals(currency, payment.Currency, StringComparison.OrdinalIgnoreCase))
            return $"currency {currency} is not {payment.Currency}";
        if (report.LiveMode is { } live && live != payment.LiveMode)
            return live ? "a live-mode report for a test-mode payment" : "a test-mode report for a live-mode payment";
        if (report.CheckoutId is { } checkout && payment.CheckoutId is { } ours && checkout != ours)
            return $"checkout {checkout} is not the payment's {ours}";
        if (report.ProviderPaymentId is { } intent && payment.ProviderPaymentId is { } ourIntent && intent != ourIntent)
            return $"payment {intent} is not the payment's {ourIntent}";
        return null;
    }

    private void Advance(Payment payment, PaymentStatus status, PaymentReport report)
    {
        payment.Status = status;
        payment.UpdatedAt = Now;
        if (status is PaymentStatus.Succeeded or PaymentStatus.Failed or PaymentStatus.Canceled)
            payment.CompletedAt = Now;
        payment.CheckoutId ??= report.CheckoutId;
        payment.ProviderPaymentId ??= report.ProviderPaymentId;
        payment.ProviderChargeId ??= report.ProviderChargeId;
        payment.CardDescription ??= report.CardDescription;
    }

    private async Task SettledAsync(Payment payment, CancellationToken ct)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.OnPaymentSettledAsync(payment, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogError(ex, "Payment observer {Observer} failed for payment {PaymentId}", observer.GetType().Name, payment.Id);
            }
        }
    }

    private IPaymentPurposeHandler HandlerFor(Payment payment) => handlers[payment.Purpose];

    /// <summary>Every purpose has exactly one handler: a missing one would silently skip its money path (an unpaid invoice).</summary>
    private static Dictionary<PaymentPurpose, IPaymentPurposeHandler> OnePerPurpose(IEnumerable<IPaymentPurposeHandler> handlers)
    {
        var byPurpose = new Dictionary<PaymentPurpose, IPaymentPurposeHandler>();
        foreach (var handler in handlers)
        {
            if (!byPurpose.TryAdd(handler.Purpose, handler))
                throw new InvalidOperationException($"Two payment purpose handlers for {handler.Purpose}: {byPurpose[handler.Purpose].GetType().Name} and {handler.GetType().Name}.");
        }
        var missing = Enum.GetValues<PaymentPurpose>().Where(p => !byPurpose.ContainsKey(p)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException($"No payment purpose handler for {string.Join(", ", missing)}.");
        return byPurpose;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static FulfilmentResult Applied(Payment p, string detail) => new(FulfilmentOutcome.Applied, p, detail);
    private static FulfilmentResult Done(Payment p, string detail) => new(FulfilmentOutcome.AlreadyDone, p, detail);
    private static FulfilmentResult Ignore(Payment p, string detail) => new(FulfilmentOutcome.Ignored, p, detail);

    private static string Dollars(long micros) => new Money(micros).Format(CultureInfo.InvariantCulture);

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];
}
