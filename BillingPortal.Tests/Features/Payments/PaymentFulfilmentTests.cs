using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using static BillingPortal.Tests.Features.Payments.PaymentsFixture;

namespace BillingPortal.Tests.Features.Payments;

/// <summary>The shared fulfilment: whatever arrives, however often, a payment's credits are granted exactly once.</summary>
public class PaymentFulfilmentTests
{
    private const long Fifteen = 15 * Money.MicrosPerDollar;

    [Fact]
    public async Task Confirm_Twice_CreditsOnce()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);

        var first = await f.Fulfilment.ConfirmSucceededAsync(ReportFor(payment), Ct);
        var second = await f.Fulfilment.ConfirmSucceededAsync(ReportFor(payment), Ct);

        Assert.Equal(FulfilmentOutcome.Applied, first.Outcome);
        Assert.Equal(FulfilmentOutcome.AlreadyDone, second.Outcome);
        var purchase = Assert.Single(await f.EntriesAsync(LedgerEntryType.Purchase));
        Assert.Equal(Fifteen, purchase.CreditDeltaMicros);
        Assert.Equal(Fifteen, await f.CreditBalanceAsync());
        var stored = await f.PaymentAsync(payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, stored.Status);
        Assert.Equal(purchase.Id, stored.CreditEntryId);
        await f.AssertLedgerSoundAsync();
    }

    [Fact]
    public async Task EightConcurrentConfirmations_CreditOnce()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        using var start = new Barrier(8);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait(Ct);
            // Each as its own fulfilment instance, as two app servers or a webhook and the return page would be.
            return await f.NewFulfilment(f.Database.Factory).ConfirmSucceededAsync(ReportFor(payment, $"racer {i}"), Ct);
        }, Ct)));

        Assert.Single(results, r => r.Outcome == FulfilmentOutcome.Applied);
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { FulfilmentOutcome.Applied, FulfilmentOutcome.AlreadyDone }));
        Assert.Single(await f.EntriesAsync(LedgerEntryType.Purchase));
        Assert.Equal(Fifteen, await f.CreditBalanceAsync());
        await f.AssertLedgerSoundAsync();
    }

    public static TheoryData<string> Tampered() => ["amount", "currency", "livemode", "workspace", "checkout", "intent"];

    [Theory]
    [MemberData(nameof(Tampered))]
    public async Task Confirm_ThatDisagreesWithThePayment_IsAMismatchAndCreditsNothing(string field)
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        await f.Fulfilment.MarkProcessingAsync(ReportFor(payment), Ct); // records the provider's ids
        var honest = ReportFor(payment);
        var report = field switch
        {
            "amount" => honest with { AmountMicros = Fifteen * 10 },
            "currency" => honest with { Currency = "eur" },
            "livemode" => honest with { LiveMode = true },
            "workspace" => honest with { WorkspaceId = Guid.NewGuid() },
            "checkout" => honest with { CheckoutId = "cs_local_forged" },
            _ => honest with { ProviderPaymentId = "pi_forged" },
        };

        var result = await f.Fulfilment.ConfirmSucceededAsync(report, Ct);

        Assert.Equal(FulfilmentOutcome.Mismatch, result.Outcome);
        Assert.Empty(await f.EntriesAsync(LedgerEntryType.Purchase));
        Assert.Equal(0, await f.CreditBalanceAsync());
        Assert.Equal(PaymentStatus.Processing, (await f.PaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task Failure_AfterSuccess_IsIgnored()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        await f.Fulfilment.ConfirmSucceededAsync(ReportFor(payment), Ct);

        var late = await f.Fulfilment.RecordFailureAsync(ReportFor(payment), "card_declined", "Your card was declined.", Ct);

        Assert.Equal(FulfilmentOutcome.Ignored, late.Outcome);
        var stored = await f.PaymentAsync(payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, stored.Status);
        Assert.Null(stored.FailureCode);
        Assert.Equal(Fifteen, await f.CreditBalanceAsync());
    }

    [Fact]
    public async Task Failure_ReportedThreeTimes_NotifiesTheOwnerOnce_AsCreditPurchaseFailed()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            f.Fulfilment.RecordFailureAsync(ReportFor(payment), "insufficient_funds", "Your card has insufficient funds.", Ct)));

        await using var db = f.Database.Open();
        var notice = Assert.Single(await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Notifications.Where(n => n.WorkspaceId == f.WorkspaceId), Ct));
        Assert.Equal((f.OwnerId, BillingPortal.Domain.Notifications.NotificationTypes.PurchaseFailed), (notice.UserId, notice.Type));
        Assert.Contains("insufficient funds", notice.Message);
    }

    [Fact]
    public async Task Success_AfterFailure_CreditsOnce()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        var failed = await f.Fulfilment.RecordFailureAsync(ReportFor(payment), "card_declined", "Your card was declined.", Ct);
        Assert.Equal(FulfilmentOutcome.Applied, failed.Outcome);
        Assert.Equal(0, await f.CreditBalanceAsync());

        await f.Fulfilment.ConfirmSucceededAsync(ReportFor(payment), Ct);
        await f.Fulfilment.ConfirmSucceededAsync(ReportFor(payment), Ct);

        var stored = await f.PaymentAsync(payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, stored.Status);
        Assert.Null(stored.FailureMessage);
        Assert.Single(await f.EntriesAsync(LedgerEntryType.Purchase));
        Assert.Equal(Fifteen, await f.CreditBalanceAsync());
    }

    [Fact]
    public async Task Refunds_PartialThenFull_RepeatedAndOutOfOrder_TakeBackExactlyWhatIsNew()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        await f.Fulfilment.ConfirmSucceededAsync(ReportFor(payment), Ct);
        var five = 5 * Money.MicrosPerDollar;

        await f.Fulfilment.RecordRefundAsync(ReportFor(payment), five, Ct);
        await f.Fulfilment.RecordRefundAsync(ReportFor(payment), five, Ct);      // the same report again
        await f.Fulfilment.RecordRefundAsync(ReportFor(payment), Fifteen, Ct);   // the full refund
        var stale = await f.Fulfilment.RecordRefundAsync(ReportFor(payment), five, Ct); // the partial one, arriving late
        await f.Fulfilment.RecordRefundAsync(ReportFor(payment), Fifteen, Ct);

        Assert.Equal(FulfilmentOutcome.AlreadyDone, stale.Outcome);
        var refunds = await f.EntriesAsync(LedgerEntryType.Refund);
        Assert.Equal([-five, -(Fifteen - five)], refunds.Select(e => e.CreditDeltaMicros));
        Assert.Equal(0, await f.CreditBalanceAsync());
        Assert.Equal(Fifteen, (await f.PaymentAsync(payment.Id)).RefundedMicros);
        // The purchase's own entry is untouched.
        Assert.Equal(Fifteen, Assert.Single(await f.EntriesAsync(LedgerEntryType.Purchase)).CreditDeltaMicros);
        await f.AssertLedgerSoundAsync();
    }

    [Fact]
    public async Task Refund_AfterTheCreditsWereSpent_TakesTheBalanceBelowZero()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        await f.Fulfilment.ConfirmSucceededAsync(ReportFor(payment), Ct);
        await f.Database.Ledger.DebitAsync(new BillingPortal.Ledger.Posting(f.WorkspaceId, 12 * Money.MicrosPerDollar, "run:1", "Agent run"),
            DebitMode.AllowOverdraft, Ct);
        var before = await f.CreditBalanceAsync();

        await f.Fulfilment.RecordRefundAsync(ReportFor(payment), Fifteen, Ct);

        Assert.Equal(before - Fifteen, await f.CreditBalanceAsync());
        Assert.True(await f.CreditBalanceAsync() < 0);
        await f.AssertLedgerSoundAsync();
    }

    [Fact]
    public async Task Dispute_AddsADisputeEntry_AndNeverMoreThanWasPaid()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        await f.Fulfilment.ConfirmSucceededAsync(ReportFor(payment), Ct);
        await f.Fulfilment.RecordRefundAsync(ReportFor(payment), 5 * Money.MicrosPerDollar, Ct);

        await f.Fulfilment.RecordDisputeAsync(ReportFor(payment), Fifteen, Ct);
        await f.Fulfilment.RecordDisputeAsync(ReportFor(payment), Fifteen, Ct);

        var dispute = Assert.Single(await f.EntriesAsync(LedgerEntryType.Dispute));
        Assert.Equal(-10 * Money.MicrosPerDollar, dispute.CreditDeltaMicros);
        Assert.Equal(0, await f.CreditBalanceAsync());
        await f.AssertLedgerSoundAsync();
    }

    [Fact]
    public async Task RefundAndDispute_ThatOvertakeTheConfirmation_AreTakenBackWhenTheCreditIsGranted()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        await f.Fulfilment.RecordRefundAsync(ReportFor(payment), 5 * Money.MicrosPerDollar, Ct);
        await f.Fulfilment.RecordDisputeAsync(ReportFor(payment), 4 * Money.MicrosPerDollar, Ct);
        Assert.Equal(0, await f.CreditBalanceAsync()); // nothing granted yet, so nothing taken back yet

        await f.Fulfilment.ConfirmSucceededAsync(ReportFor(payment), Ct);
        await f.Fulfilment.RecordRefundAsync(ReportFor(payment), 5 * Money.MicrosPerDollar, Ct); // the same refund, reported again

        Assert.Equal(6 * Money.MicrosPerDollar, await f.CreditBalanceAsync());
        Assert.Equal(-5 * Money.MicrosPerDollar, Assert.Single(await f.EntriesAsync(LedgerEntryType.Refund)).CreditDeltaMicros);
        Assert.Equal(-4 * Money.MicrosPerDollar, Assert.Single(await f.EntriesAsync(LedgerEntryType.Dispute)).CreditDeltaMicros);
        await f.AssertLedgerSoundAsync();
    }

    [Fact]
    public async Task Cancel_MovesOnlyAPendingPayment_AndALaterSuccessStillCredits()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);

        var canceled = await f.Fulfilment.MarkCanceledAsync(ReportFor(payment), Ct);
        var again = await f.Fulfilment.MarkCanceledAsync(ReportFor(payment), Ct);
        Assert.Equal((FulfilmentOutcome.Applied, FulfilmentOutcome.AlreadyDone), (canceled.Outcome, again.Outcome));
        Assert.Equal(PaymentStatus.Canceled, (await f.PaymentAsync(payment.Id)).Status);

        await f.Fulfilment.ConfirmSucceededAsync(ReportFor(payment), Ct);
        var late = await f.Fulfilment.MarkCanceledAsync(ReportFor(payment), Ct);

        Assert.Equal(FulfilmentOutcome.Ignored, late.Outcome);
        Assert.Equal(PaymentStatus.Succeeded, (await f.PaymentAsync(payment.Id)).Status);
        Assert.Equal(Fifteen, await f.CreditBalanceAsync());
        await f.AssertLedgerSoundAsync();
    }

    [Fact]
    public async Task Report_ForAnUnknownPayment_IsUnknownAndHarmless()
    {
        await using var f = await CreateAsync();

        var byId = await f.Fulfilment.ConfirmSucceededAsync(new PaymentReport("test", Guid.NewGuid(), AmountMicros: Fifteen), Ct);
        var byCheckout = await f.Fulfilment.ConfirmSucceededAsync(new PaymentReport("test", CheckoutId: "cs_unknown"), Ct);
        var byCharge = await f.Fulfilment.RecordRefundAsync(new PaymentReport("test", ProviderChargeId: "ch_unknown"), Fifteen, Ct);

        Assert.All([byId, byCheckout, byCharge], r => Assert.Equal(FulfilmentOutcome.UnknownPayment, r.Outcome));
        Assert.Equal(0, await f.CreditBalanceAsync());
    }
}
