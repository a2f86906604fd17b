using BillingPortal.Domain;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Payments;

namespace BillingPortal.Tests.Features.Credits.AutoTopUp;

public class AutoTopUpRunnerTests
{
    private static long D(decimal dollars) => Money.FromDollars(dollars).Micros;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADebitAtTheThreshold_ChargesOneTopUp_ThatReachesTheLedgerAndTheChargeHistory()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        await f.SpendDownToAsync(D(10.01m));
        Assert.Empty(await f.DrainQueueAsync()); // above the threshold: nothing asked
        await f.SpendAsync(D(0.01m));             // exactly at the threshold

        var attempt = Assert.Single(await f.DrainQueueAsync());
        Assert.Equal(AutoTopUpOutcome.Charged, attempt.Outcome);
        var payment = Assert.Single(await f.AutoPaymentsAsync());
        Assert.Equal((PaymentStatus.Succeeded, D(25), "Visa •••• 4242", f.Card.Id), (payment.Status, payment.AmountMicros, payment.CardDescription, payment.PaymentMethodId));
        Assert.StartsWith("auto-top-up:", payment.RequestKey);
        var entry = Assert.Single(await f.TopUpEntriesAsync());
        Assert.Equal((D(25), payment.CreditEntryId), (entry.CreditDeltaMicros, (long?)entry.Id));
        Assert.Equal(D(35), await f.SpendableAsync());
        Assert.Equal(AutoTopUpRunner.IdempotencyKey(payment.Id), Assert.Single(f.Gateway.Calls).IdempotencyKey);
        Assert.Null((await f.StoredSettingsAsync()).AutoTopUpInFlightPaymentId);
        Assert.Single(f.Notifier.OfType(NotificationTypes.AutoRechargeTriggered));
    }

    [Fact]
    public async Task SixteenConcurrentDebitsThatAllCross_ChargeExactlyOnce()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        await f.SpendDownToAsync(D(10.50m));

        // The provider holds the first charge, so every other attempt races a claim that is really held.
        f.Gateway.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Every one of these leaves the balance at or below the $10 threshold.
        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() => f.SpendAsync(D(0.50m), $"run:{i}"), Ct)));
        // The worker's queue and, racing it, sixteen more attempts straight at the runner: the claim lets one through.
        var tasks = new List<Task<IReadOnlyList<AutoTopUpAttempt>>> { Task.Run(() => f.DrainQueueAsync(), Ct) };
        tasks.AddRange(Enumerable.Range(0, 16).Select(_ => Task.Run(async () => (IReadOnlyList<AutoTopUpAttempt>)[await f.Runner.TopUpAsync(f.WorkspaceId, Ct)], Ct)));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (tasks.Count(t => t.IsCompleted) < tasks.Count - 1 && waited.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(10, Ct);
        Assert.Equal(tasks.Count - 1, tasks.Count(t => t.IsCompleted)); // all but the one at the provider are done
        Assert.Single(f.Gateway.Calls);
        f.Gateway.Gate.SetResult();
        var attempts = (await Task.WhenAll(tasks)).SelectMany(a => a).ToList();

        Assert.Single(attempts, a => a.Outcome == AutoTopUpOutcome.Charged);
        Assert.Single(f.Gateway.Calls);
        Assert.Single(await f.AutoPaymentsAsync());
        Assert.Single(await f.TopUpEntriesAsync());
        Assert.Equal(D(2.50m + 25), await f.SpendableAsync());
    }

    [Fact]
    public async Task WhileAChargeIsInFlight_DebitsAndAttemptsDoNotStartAnother()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        f.Gateway.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await f.SpendDownToAsync(D(9));
        var first = Task.Run(() => f.DrainQueueAsync(), Ct);
        while (f.Gateway.Calls.IsEmpty)
            await Task.Delay(10, Ct); // until the first charge is at the provider

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => f.SpendAsync(D(0.25m))));
        // Bounded: an attempt that got past the claim would wait at the gate, and fail the test instead of hanging it.
        var others = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => f.Runner.TopUpAsync(f.WorkspaceId, Ct))).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.All(others, a => Assert.Equal(AutoTopUpOutcome.NotClaimed, a.Outcome));

        f.Gateway.Gate.SetResult();
        await first;
        Assert.DoesNotContain(await f.DrainQueueAsync(), a => a.Outcome == AutoTopUpOutcome.Charged);
        Assert.Single(f.Gateway.Calls);
        Assert.Single(await f.TopUpEntriesAsync());
    }

    [Fact]
    public async Task AtTheMonthlyCap_ChargesStop_NotifyOnce_AndResumeNextMonthOrWhenTheCapIsRaised()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync(AutoTopUpFixture.Standard(capMicros: D(50)));

        for (var i = 0; i < 2; i++)
        {
            await f.SpendDownToAsync(D(5));
            Assert.Equal(AutoTopUpOutcome.Charged, Assert.Single(await f.DrainQueueAsync()).Outcome);
        }
        await f.SpendDownToAsync(D(5));
        Assert.Equal(AutoTopUpOutcome.CapReached, Assert.Single(await f.DrainQueueAsync()).Outcome);
        await f.SpendAsync(D(1));
        Assert.Equal(AutoTopUpOutcome.CapReached, Assert.Single(await f.DrainQueueAsync()).Outcome);
        Assert.Equal(2, (await f.AutoPaymentsAsync()).Count);
        Assert.Single(f.Notifier.OfType(NotificationTypes.AutoRechargeCapReached));
        Assert.True((await f.Settings.GetAutoTopUpAsync(f.WorkspaceId, Ct)).CapReached);
        Assert.Null((await f.StoredSettingsAsync()).AutoTopUpInFlightPaymentId); // the claim was released

        // Raising the cap lets the next crossing through.
        await f.EnableAsync(AutoTopUpFixture.Standard(capMicros: D(75)));
        await f.SpendAsync(D(0.01m));
        Assert.Equal(AutoTopUpOutcome.Charged, Assert.Single(await f.DrainQueueAsync()).Outcome);
        await f.SpendDownToAsync(D(5));
        Assert.Equal(AutoTopUpOutcome.CapReached, Assert.Single(await f.DrainQueueAsync()).Outcome);
        Assert.Equal(2, f.Notifier.OfType(NotificationTypes.AutoRechargeCapReached).Count); // one per cap reached

        // A new calendar month starts from zero.
        f.Database.Clock.Advance(TimeSpan.FromDays(31));
        await f.SpendAsync(D(0.01m));
        Assert.Equal(AutoTopUpOutcome.Charged, Assert.Single(await f.DrainQueueAsync()).Outcome);
        Assert.Equal(4, (await f.AutoPaymentsAsync()).Count(p => p.Status == PaymentStatus.Succeeded));
        Assert.Equal(4, (await f.TopUpEntriesAsync()).Count);
    }

    [Fact]
    public async Task AFailingCard_RecordsEachFailure_RetriesWithBackOff_ThenPausesForGood()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        f.Gateway.Script = ScriptedGateway.Decline;
        var clock = f.Database.Clock;
        await f.SpendDownToAsync(D(5));
        Assert.Equal(AutoTopUpOutcome.Charged, Assert.Single(await f.DrainQueueAsync()).Outcome);

        var failed = Assert.Single(await f.AutoPaymentsAsync());
        Assert.Equal((PaymentStatus.Failed, "card_declined", "Your card was declined."), (failed.Status, failed.FailureCode, failed.FailureMessage));
        var settings = await f.StoredSettingsAsync();
        Assert.Equal((1, clock.GetUtcNow().UtcDateTime.AddHours(1)), (settings.AutoTopUpConsecutiveFailures, settings.AutoTopUpNextAttemptAt));

        // Before the retry is due neither debits nor the worker charge again.
        await f.SpendAsync(D(1));
        Assert.All(await f.DrainQueueAsync(), a => Assert.Equal(AutoTopUpOutcome.NotClaimed, a.Outcome));
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(0, await f.Worker.RunOnceAsync(clock.GetUtcNow(), Ct));
        Assert.Single(f.Gateway.Calls);

        foreach (var wait in new[] { TimeSpan.FromMinutes(1), TimeSpan.FromHours(6), TimeSpan.FromHours(24) })
        {
            clock.Advance(wait);
            Assert.Equal(1, await f.Worker.RunOnceAsync(clock.GetUtcNow(), Ct));
        }
        Assert.Equal(4, f.Gateway.Calls.Count);
        var paused = await f.StoredSettingsAsync();
        Assert.NotNull(paused.AutoTopUpPausedAt);
        Assert.Equal("Paused after 4 failed charges in a row. Last failure: Your card was declined.", paused.AutoTopUpPauseReason);
        Assert.True(paused.AutoTopUpEnabled);

        // Paused: debits crossing again and later sweeps charge nothing.
        await f.SpendAsync(D(1));
        await f.DrainQueueAsync();
        await f.Runner.TopUpAsync(f.WorkspaceId, Ct);
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(0, await f.Worker.RunOnceAsync(clock.GetUtcNow(), Ct));
        Assert.Equal(4, f.Gateway.Calls.Count);
        Assert.All(await f.AutoPaymentsAsync(), p => Assert.Equal(PaymentStatus.Failed, p.Status));
        Assert.Empty(await f.TopUpEntriesAsync());
        Assert.Equal(4, f.Notifier.OfType(NotificationTypes.AutoRechargeFailed).Count);
        Assert.Single(f.Notifier.OfType(NotificationTypes.AutoRechargePaused));

        // An Owner fixes it (a working card) and turns it on again: the next crossing charges.
        f.Gateway.Script = ScriptedGateway.Succeed;
        await f.EnableAsync();
        await f.SpendAsync(D(0.01m));
        Assert.Equal(PaymentStatus.Succeeded, Assert.Single(await f.DrainQueueAsync()).Payment!.Status);
    }

    [Fact]
    public async Task ARetryThatFindsTheBalanceRestored_ChargesNothing()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        f.Gateway.Script = ScriptedGateway.Decline;
        await f.SpendDownToAsync(D(5));
        await f.DrainQueueAsync();
        await f.Ledger.PostCreditAsync(LedgerEntryType.Grant, new BillingPortal.Ledger.Posting(f.WorkspaceId, D(50), "grant:manual", "Bought by hand"), Ct);

        f.Database.Clock.Advance(TimeSpan.FromHours(1));
        await f.Worker.RunOnceAsync(f.Database.Clock.GetUtcNow(), Ct);
        Assert.Single(f.Gateway.Calls);
    }

    [Fact]
    public async Task ACardThatNeedsAuthentication_FailsWithThatReason()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        f.Gateway.Script = ScriptedGateway.NeedsAuthentication;
        await f.SpendDownToAsync(D(5));
        await f.DrainQueueAsync();

        var payment = Assert.Single(await f.AutoPaymentsAsync());
        Assert.Equal((PaymentStatus.Failed, "authentication_required"), (payment.Status, payment.FailureCode));
        Assert.Contains("authenticate", payment.FailureMessage);
        Assert.Empty(await f.TopUpEntriesAsync());
        Assert.Contains("authenticate", Assert.Single(f.Notifier.OfType(NotificationTypes.AutoRechargeFailed)).Message);
    }

    [Fact]
    public async Task ACrashAfterTheCharge_IsReDrivenWithTheSameKey_NeverASecondCharge()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        f.Gateway.LoseAnswers = true; // the provider charges, the answer never arrives
        await f.SpendDownToAsync(D(5));
        await f.DrainQueueAsync();
        var pending = Assert.Single(await f.AutoPaymentsAsync());
        Assert.Equal(PaymentStatus.Pending, pending.Status);
        Assert.Equal(pending.Id, (await f.StoredSettingsAsync()).AutoTopUpInFlightPaymentId);

        // More crossings meanwhile start nothing: the claim is held.
        await f.SpendAsync(D(1));
        Assert.All(await f.DrainQueueAsync(), a => Assert.Equal(AutoTopUpOutcome.NotClaimed, a.Outcome));
        var clock = f.Database.Clock;
        clock.Advance(AutoTopUpWorker.StaleAfter - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await f.Worker.RunOnceAsync(clock.GetUtcNow(), Ct));

        f.Gateway.LoseAnswers = false;
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await f.Worker.RunOnceAsync(clock.GetUtcNow(), Ct));

        Assert.Equal(2, f.Gateway.Calls.Count);
        Assert.Equal([AutoTopUpRunner.IdempotencyKey(pending.Id)], f.Gateway.DistinctKeys);
        Assert.Equal(1, f.Gateway.DistinctCharges);
        var done = Assert.Single(await f.AutoPaymentsAsync());
        Assert.Equal(PaymentStatus.Succeeded, done.Status);
        Assert.Single(await f.TopUpEntriesAsync());
        Assert.Null((await f.StoredSettingsAsync()).AutoTopUpInFlightPaymentId);
    }

    [Fact]
    public async Task AClaimLeftWithASettledPayment_IsReleasedWithoutCharging()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        f.Gateway.LoseAnswers = true;
        await f.SpendDownToAsync(D(5));
        await f.DrainQueueAsync();
        var pending = Assert.Single(await f.AutoPaymentsAsync());
        // The confirmation arrives by another path (a webhook) before the worker looks: it settles the claim.
        await f.Fulfilment.ConfirmSucceededAsync(new PaymentReport("stripe:evt_test", PaymentId: pending.Id, AmountMicros: D(25)), Ct);
        Assert.Null((await f.StoredSettingsAsync()).AutoTopUpInFlightPaymentId);
        Assert.Single(await f.TopUpEntriesAsync());
        f.Database.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await f.Worker.RunOnceAsync(f.Database.Clock.GetUtcNow(), Ct));
        Assert.Single(f.Gateway.Calls);
    }

    [Fact]
    public async Task AProcessingCharge_KeepsTheClaim_UntilTheProviderSettlesIt()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        f.Gateway.Script = ScriptedGateway.Processing;
        await f.SpendDownToAsync(D(5));
        await f.DrainQueueAsync();
        var payment = Assert.Single(await f.AutoPaymentsAsync());
        Assert.Equal(PaymentStatus.Processing, payment.Status);
        Assert.Empty(await f.TopUpEntriesAsync());
        f.Database.Clock.Advance(TimeSpan.FromHours(1));
        await f.Worker.RunOnceAsync(f.Database.Clock.GetUtcNow(), Ct); // stale, but processing: left to the provider
        Assert.Single(f.Gateway.Calls);

        await f.Fulfilment.RecordFailureAsync(new PaymentReport("stripe:evt_failed", ProviderPaymentId: payment.ProviderPaymentId), "insufficient_funds", "Your card has insufficient funds.", Ct);
        var settings = await f.StoredSettingsAsync();
        Assert.Null(settings.AutoTopUpInFlightPaymentId);
        Assert.Equal(1, settings.AutoTopUpConsecutiveFailures);
        Assert.Single(f.Notifier.OfType(NotificationTypes.AutoRechargeFailed));
    }

    [Fact]
    public async Task ARemovedCard_PausesAutoTopUp_InsteadOfCharging()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        await using (var db = f.Database.Open())
        {
            (await db.PaymentMethods.FindAsync([f.Card.Id], Ct))!.RemovedAt = f.Database.Clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(Ct);
        }
        await f.SpendDownToAsync(D(5));
        Assert.Equal(AutoTopUpOutcome.NoCard, Assert.Single(await f.DrainQueueAsync()).Outcome);
        Assert.Empty(f.Gateway.Calls);
        Assert.StartsWith("No card to charge", (await f.StoredSettingsAsync()).AutoTopUpPauseReason);
        Assert.Single(f.Notifier.OfType(NotificationTypes.AutoRechargePaused));
    }

    [Fact]
    public async Task WhenOff_NothingIsCharged()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.SpendDownToAsync(0);
        Assert.Empty(await f.DrainQueueAsync());
        Assert.Equal(AutoTopUpOutcome.NotClaimed, (await f.Runner.TopUpAsync(f.WorkspaceId, Ct)).Outcome);
        Assert.Empty(f.Gateway.Calls);
    }

    [Fact]
    public async Task TheHostedWorker_ChargesWhatTheTriggerQueues()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        await f.EnableAsync();
        await f.Worker.StartAsync(Ct);
        try
        {
            await f.SpendDownToAsync(D(5));
            for (var i = 0; i < 500 && (await f.TopUpEntriesAsync()).Count == 0; i++)
                await Task.Delay(20, Ct);
            Assert.Single(await f.TopUpEntriesAsync());
        }
        finally
        {
            await f.Worker.StopAsync(Ct);
        }
    }
}
