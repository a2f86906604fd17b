using System.Globalization;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Gateway;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Credits.AutoTopUp;

/// <summary>What one top-up attempt did.</summary>
public enum AutoTopUpOutcome
{
    /// <summary>Another attempt holds the claim, auto top-up is off or paused, or a retry is not due yet.</summary>
    NotClaimed,
    /// <summary>Claimed, but the balance is above the threshold now (an earlier top-up landed): nothing charged.</summary>
    NotNeeded,
    /// <summary>One more charge would pass the monthly cap: nothing charged, the managers told once.</summary>
    CapReached,
    /// <summary>No usable card: auto top-up paused.</summary>
    NoCard,
    /// <summary>A charge was made; its payment says how it went (the settlement did the bookkeeping).</summary>
    Charged,
    /// <summary>The server has no way to take payments (no Stripe, no local opt-in): nothing claimed or charged.</summary>
    PaymentsOff,
}

public sealed record AutoTopUpAttempt(AutoTopUpOutcome Outcome, Payment? Payment = null);

/// <summary>
/// Charges one automatic top-up. The claim is one conditional UPDATE on the workspace's settings (no charge under
/// way, on, not paused, retry due), committed with the Payment it names, so however many debits cross the threshold
/// together only one attempt proceeds; the charge's idempotency key is derived from that payment, so re-driving a
/// claim after a crash is the same charge at the provider, never a second one. Money reaches the ledger only
/// through <see cref="PaymentFulfilment"/>; <see cref="AutoTopUpSettlement"/> releases the claim.
/// </summary>
public sealed class AutoTopUpRunner(
    IDbContextFactory<BillingDbContext> dbFactory,
    BillingWrites writes,
    IPaymentGateway gateway,
    PaymentFulfilment fulfilment,
    AutoTopUpSettlement settlement,
    AutoTopUpSettingsCache cache,
    INotifier notifier,
    PaymentsAvailability payments,
    TimeProvider clock,
    ILogger<AutoTopUpRunner> log)
{
    /// <summary>Tops the workspace up if it needs it and may: claim, check, record the payment, charge.</summary>
    public async Task<AutoTopUpAttempt> TopUpAsync(Guid workspaceId, CancellationToken ct = default)
    {
        // A claim here would name a charge that can never settle, held and retried for ever: claim nothing instead.
        if (!payments.CanTakePayments)
            return new AutoTopUpAttempt(AutoTopUpOutcome.PaymentsOff);
        var now = clock.GetUtcNow().UtcDateTime;
        var paymentId = Guid.CreateVersion7();
        // Only a charge recorded, or a pause for want of a card, commits; otherwise the claim rolls back with the rest.
        var claim = await writes.RunAsync((scope, ct) => ClaimAsync(scope.Db, workspaceId, paymentId, now, ct),
            commitWhen: c => c.Outcome is AutoTopUpOutcome.Charged or AutoTopUpOutcome.NoCard, attempts: 1, ct);
        switch (claim.Outcome)
        {
            case AutoTopUpOutcome.NoCard:
                cache.Invalidate(workspaceId);
                await NotifyPausedAsync(workspaceId, now, claim.Problem!, ct);
                return new AutoTopUpAttempt(AutoTopUpOutcome.NoCard);
            case AutoTopUpOutcome.CapReached:
                await NotifyCapAsync(claim.Settings!, claim.ChargedMicros, claim.MonthStart, ct);
                return new AutoTopUpAttempt(AutoTopUpOutcome.CapReached);
            case AutoTopUpOutcome.Charged:
                var payment = claim.Payment!;
                log.LogInformation("Auto top-up of workspace {WorkspaceId}: charging {Amount} µ$ as payment {PaymentId}", workspaceId, payment.AmountMicros, payment.Id);
                return new AutoTopUpAttempt(AutoTopUpOutcome.Charged, await ChargeAsync(payment, claim.Card!, ct));
            default:
                return new AutoTopUpAttempt(claim.Outcome);
        }
    }

    /// <summary>What the claim's transaction decided, and what the steps after it need.</summary>
    private sealed record Claim(AutoTopUpOutcome Outcome, CreditSettings? Settings = null, PaymentMethod? Card = null, Payment? Payment = null,
        long ChargedMicros = 0, DateTime MonthStart = default, string? Problem = null);

    /// <summary>Claim, check, record the payment: inside the unit of work, which commits only a charge or a pause.</summary>
    private async Task<Claim> ClaimAsync(BillingDbContext db, Guid workspaceId, Guid paymentId, DateTime now, CancellationToken ct)
    {
        var claimed = await db.CreditSettings
            .Where(s => s.WorkspaceId == workspaceId && s.AutoTopUpEnabled && s.AutoTopUpPausedAt == null
                && s.AutoTopUpInFlightPaymentId == null
                && (s.AutoTopUpNextAttemptAt == null || s.AutoTopUpNextAttemptAt <= now))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.AutoTopUpInFlightPaymentId, paymentId)
                                      .SetProperty(x => x.AutoTopUpInFlightSince, now), ct);
        if (claimed == 0)
            return new Claim(AutoTopUpOutcome.NotClaimed);

        var settings = await db.CreditSettings.AsNoTracking().SingleAsync(s => s.WorkspaceId == workspaceId, ct);
        var wallet = await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == workspaceId, ct);
        if (!AutoTopUpRules.IsBelowThreshold(wallet.AllowanceRemainingMicros + wallet.CreditBalanceMicros, settings.AutoTopUpThresholdMicros))
            return new Claim(AutoTopUpOutcome.NotNeeded); // not committed: the claim rolls back

        var chosen = await CardAsync(db, settings, ct);
        if (AutoTopUpRules.CardProblem(chosen, now) is { } problem)
        {
            await PauseAsync(db, workspaceId, now, $"No card to charge: {problem}", ct);
            return new Claim(AutoTopUpOutcome.NoCard, settings, Problem: problem);
        }

        var (monthStart, monthEnd) = AutoTopUpRules.MonthWindow(now);
        var charged = await ChargedAsync(db, workspaceId, monthStart, monthEnd, ct);
        if (!AutoTopUpRules.FitsUnderCap(charged, settings.AutoTopUpAmountMicros, settings.AutoTopUpMonthlyCapMicros))
            return new Claim(AutoTopUpOutcome.CapReached, settings, ChargedMicros: charged, MonthStart: monthStart);

        var payment = NewPayment(paymentId, settings, chosen!, now);
        db.Payments.Add(payment);
        return new Claim(AutoTopUpOutcome.Charged, settings, chosen, payment);
    }

    /// <summary>
    /// Finishes a claim left behind (a crash between claim and settlement): a payment still Pending is charged again
    /// with the same idempotency key, which the provider answers with the same charge; a settled one is only settled.
    /// </summary>
    public async Task<Payment?> RedriveAsync(Guid workspaceId, Guid paymentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var payment = await db.Payments.AsNoTracking().FirstOrDefaultAsync(p => p.Id == paymentId && p.WorkspaceId == workspaceId, ct);
        if (payment is null)
        {
            // The claim commits with its payment, so this is not ours to charge: just free the workspace.
            log.LogWarning("Auto top-up claim of workspace {WorkspaceId} names no payment {PaymentId}; releasing it", workspaceId, paymentId);
            await db.CreditSettings.Where(s => s.WorkspaceId == workspaceId && s.AutoTopUpInFlightPaymentId == paymentId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.AutoTopUpInFlightPaymentId, (Guid?)null).SetProperty(x => x.AutoTopUpInFlightSince, (DateTime?)null), ct);
            return null;
        }
        switch (payment.Status)
        {
            case PaymentStatus.Pending:
                var card = await db.PaymentMethods.AsNoTracking().SingleAsync(m => m.Id == payment.PaymentMethodId, ct);
                log.LogWarning("Auto top-up payment {PaymentId} of workspace {WorkspaceId} was left pending; charging it again with its own key", paymentId, workspaceId);
                return await ChargeAsync(payment, card, ct);
            case PaymentStatus.Processing:
                return payment; // the provider settles it by webhook
            default:
                await settlement.OnPaymentSettledAsync(payment, ct);
                return payment;
        }
    }

    /// <summary>The provider's idempotency key for a payment: the same for every (re)try of it.</summary>
    private const string KeyPrefix = "auto-top-up";

    public static string IdempotencyKey(Guid paymentId) => OffSessionCharge.Key(KeyPrefix, paymentId);

    private async Task<Payment> ChargeAsync(Payment payment, PaymentMethod card, CancellationToken ct)
    {
        var (outcome, recorded, message) = await OffSessionCharge.ChargeAndRecordAsync(gateway, fulfilment, payment, card, KeyPrefix, ct);
        if (recorded is null)
        {
            // The charge may or may not exist: keep the payment pending and the claim held, so the worker
            // re-drives it with the same key instead of a new attempt charging twice.
            log.LogError("Auto top-up payment {PaymentId}: provider error {Error}; will re-drive with the same key", payment.Id, message);
            return payment;
        }
        if (outcome == OffSessionOutcome.Processing)
            return recorded.Payment ?? payment; // the claim stays until the provider's callback settles the payment
        // An earlier path may have settled it already (a re-drive): the settlement is idempotent, so make sure.
        if (!recorded.Changed && recorded.Payment is { } already)
            await settlement.OnPaymentSettledAsync(already, ct);
        return recorded.Payment ?? payment;
    }

    private static async Task<PaymentMethod?> CardAsync(BillingDbContext db, CreditSettings settings, CancellationToken ct)
    {
        var cards = db.PaymentMethods.AsNoTracking().Where(m => m.WorkspaceId == settings.WorkspaceId);
        return settings.AutoTopUpPaymentMethodId is { } id
            ? await cards.FirstOrDefaultAsync(m => m.Id == id, ct)
            : await cards.FirstOrDefaultAsync(m => m.IsDefault && m.RemovedAt == null, ct);
    }

    /// <summary>What automatic charges took this month: succeeded, processing and in flight (pending).</summary>
    internal static Task<long> ChargedAsync(BillingDbContext db, Guid workspaceId, DateTime monthStart, DateTime monthEnd, CancellationToken ct) =>
        db.Payments.Where(p => p.WorkspaceId == workspaceId && p.Purpose == PaymentPurpose.AutoTopUp
                && p.CreatedAt >= monthStart && p.CreatedAt < monthEnd
                && (p.Status == PaymentStatus.Pending || p.Status == PaymentStatus.Processing || p.Status == PaymentStatus.Succeeded))
            .SumAsync(p => p.AmountMicros, ct);

    private Payment NewPayment(Guid id, CreditSettings settings, PaymentMethod card, DateTime now) => new()
    {
        Id = id,
        WorkspaceId = settings.WorkspaceId,
        Purpose = PaymentPurpose.AutoTopUp,
        Provider = gateway.Provider,
        LiveMode = gateway.LiveMode,
        AmountMicros = settings.AutoTopUpAmountMicros,
        Status = PaymentStatus.Pending,
        RequestKey = $"auto-top-up:{Guid.NewGuid()}",
        Description = $"Auto top-up of {Dollars(settings.AutoTopUpAmountMicros)}",
        PaymentMethodId = card.Id,
        CardDescription = card.Display,
        CreatedAt = now,
        UpdatedAt = now,
    };

    private static Task PauseAsync(BillingDbContext db, Guid workspaceId, DateTime now, string reason, CancellationToken ct) =>
        db.CreditSettings.Where(s => s.WorkspaceId == workspaceId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.AutoTopUpPausedAt, now)
                                      .SetProperty(x => x.AutoTopUpPauseReason, reason)
                                      .SetProperty(x => x.AutoTopUpInFlightPaymentId, (Guid?)null)
                                      .SetProperty(x => x.AutoTopUpInFlightSince, (DateTime?)null), ct);

    private Task NotifyPausedAsync(Guid workspaceId, DateTime now, string problem, CancellationToken ct) =>
        notifier.NotifyBillingManagersAsync(new NotificationRequest(workspaceId, NotificationTypes.AutoRechargePaused,
            $"auto-top-up:paused:no-card:{now:yyyyMMddHHmmss}", "Auto top-up paused",
            $"Auto top-up couldn't charge: {problem} Add or choose a card, then turn auto top-up on again.", "billing/payment"), ct);

    /// <summary>Once per month and cap: raising the cap and reaching it again tells the managers again.</summary>
    private Task NotifyCapAsync(CreditSettings settings, long charged, DateTime monthStart, CancellationToken ct)
    {
        log.LogInformation("Auto top-up of workspace {WorkspaceId} stopped at its monthly cap ({Charged} of {Cap} µ$)", settings.WorkspaceId, charged, settings.AutoTopUpMonthlyCapMicros);
        return notifier.NotifyBillingManagersAsync(new NotificationRequest(settings.WorkspaceId, NotificationTypes.AutoRechargeCapReached,
            $"auto-top-up:cap:{monthStart:yyyy-MM}:{settings.AutoTopUpMonthlyCapMicros}", "Auto top-up reached its monthly cap",
            $"Automatic charges reached {Dollars(charged)} of the {Dollars(settings.AutoTopUpMonthlyCapMicros)} monthly cap, so no more will be made until next month. Raise the cap or buy credits to keep going."), ct);
    }

    private static string Dollars(long micros) => new Money(micros).Format(CultureInfo.InvariantCulture);
}
