using System.Globalization;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.Payments;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Credits.AutoTopUp;

/// <summary>
/// Settles auto top-up's bookkeeping when one of its payments settles, whichever path reported it (the runner, a
/// Stripe webhook for a processing charge): releases the claim, and after a failure counts it, schedules the
/// retry or pauses. Guarded by the claim naming this payment, so settling one payment twice does it once.
/// </summary>
public sealed class AutoTopUpSettlement(
    IDbContextFactory<BillingDbContext> dbFactory,
    BillingWrites writes,
    AutoTopUpSettingsCache cache,
    INotifier notifier,
    TimeProvider clock,
    ILogger<AutoTopUpSettlement> log) : IPaymentObserver
{
    public async Task OnPaymentSettledAsync(Payment payment, CancellationToken ct)
    {
        if (payment.Purpose != PaymentPurpose.AutoTopUp)
            return;
        if (payment.Status == PaymentStatus.Succeeded)
            await SucceededAsync(payment, ct);
        else if (payment.Status is PaymentStatus.Failed or PaymentStatus.Canceled)
            await FailedAsync(payment, ct);
    }

    private async Task SucceededAsync(Payment payment, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var released = await db.CreditSettings
            .Where(s => s.WorkspaceId == payment.WorkspaceId && s.AutoTopUpInFlightPaymentId == payment.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.AutoTopUpInFlightPaymentId, (Guid?)null)
                                      .SetProperty(x => x.AutoTopUpInFlightSince, (DateTime?)null)
                                      .SetProperty(x => x.AutoTopUpConsecutiveFailures, 0)
                                      .SetProperty(x => x.AutoTopUpNextAttemptAt, (DateTime?)null), ct);
        log.LogInformation("Auto top-up payment {PaymentId} of workspace {WorkspaceId} succeeded (claim released: {Released})", payment.Id, payment.WorkspaceId, released == 1);
        await notifier.NotifyBillingManagersAsync(new NotificationRequest(payment.WorkspaceId,
            NotificationTypes.AutoRechargeTriggered, $"auto-top-up:{payment.Id}:succeeded",
            "Auto top-up added credits",
            $"Your balance fell to the auto top-up threshold, so {Dollars(payment.AmountMicros)} was charged to {payment.CardDescription ?? "your card"} and added as credits."), ct);
    }

    private async Task FailedAsync(Payment payment, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var failed = await writes.RunAsync(async (scope, ct) =>
        {
            var settings = await scope.Db.CreditSettings.SingleOrDefaultAsync(s => s.WorkspaceId == payment.WorkspaceId, ct);
            if (settings?.AutoTopUpInFlightPaymentId != payment.Id)
                return ((int Failures, DateTime? NextAttempt)?)null; // already settled by another path
            var failures = settings.AutoTopUpConsecutiveFailures + 1;
            var nextAttempt = AutoTopUpRules.NextAttemptAfterFailure(failures, now);
            settings.AutoTopUpConsecutiveFailures = failures;
            settings.AutoTopUpNextAttemptAt = nextAttempt;
            settings.AutoTopUpInFlightPaymentId = null;
            settings.AutoTopUpInFlightSince = null;
            if (nextAttempt is null)
            {
                settings.AutoTopUpPausedAt = now;
                settings.AutoTopUpPauseReason = AutoTopUpRules.PauseReason(failures, payment.FailureMessage);
            }
            return (failures, nextAttempt);
        }, ct);
        if (failed is not { } counted)
            return;
        var (failures, nextAttempt) = counted;
        cache.Invalidate(payment.WorkspaceId);
        log.LogWarning("Auto top-up payment {PaymentId} of workspace {WorkspaceId} failed ({Failures} in a row): {Code} {Message}",
            payment.Id, payment.WorkspaceId, failures, payment.FailureCode, payment.FailureMessage);

        var retry = nextAttempt is { } at ? $" We'll try again at {BillingPortal.Domain.Text.DateText.Moment(at)}." : "";
        await notifier.NotifyBillingManagersAsync(new NotificationRequest(payment.WorkspaceId,
            NotificationTypes.AutoRechargeFailed, $"auto-top-up:{payment.Id}:failed",
            "Auto top-up charge failed",
            $"Charging {Dollars(payment.AmountMicros)} to {payment.CardDescription ?? "your card"} failed: {payment.FailureMessage ?? "declined"}.{retry}",
            "billing/payment"), ct);
        if (nextAttempt is null)
            await notifier.NotifyBillingManagersAsync(new NotificationRequest(payment.WorkspaceId,
                NotificationTypes.AutoRechargePaused, $"auto-top-up:{payment.Id}:paused",
                "Auto top-up paused",
                $"Auto top-up stopped after {failures} failed charges in a row. Check your card, then turn auto top-up on again on the Credits page."), ct);
    }

    private static string Dollars(long micros) => new Money(micros).Format(CultureInfo.InvariantCulture);
}
