using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Metering;
using BillingPortal.Ledger;
using BillingPortal.Tests.Features.Payments.Stripe;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Api;

/// <summary>Refunds and disputes from Stripe: negative entries for what is new, never edits, even below zero.</summary>
/// <remarks>Its own app (a test here drives the workspace below zero); the others check only their own payment's entries.</remarks>
public class StripeWebhookMoneyBackTests(StripeAppFixture app) : IClassFixture<StripeAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private StripeAppFactory Factory => app.Factory;

    [Fact]
    public async Task PartialThenFullRefund_TakesBackOnlyWhatIsNew_AndReplaysChangeNothing()
    {
        var payment = await PaidPurchaseAsync(15);

        var partial = StripeFixtures.Event("charge.refunded", StripeAppFactory.Charge(payment, refundedCents: 500));
        await SendAsync(partial);
        await SendAsync(StripeFixtures.Event("charge.refunded", StripeAppFactory.Charge(payment, refundedCents: 500))); // a second event saying the same
        await SendAsync(StripeFixtures.Event("charge.refunded", StripeAppFactory.Charge(payment, refundedCents: 1500)));
        await SendAsync(partial); // the first, replayed

        var entries = await Factory.EntriesForAsync(payment.Id);
        Assert.Equal([15_000_000L, -5_000_000L, -10_000_000L], entries.Select(e => e.CreditDeltaMicros));
        Assert.Equal([LedgerEntryType.Purchase, LedgerEntryType.Refund, LedgerEntryType.Refund], entries.Select(e => e.Type));
        Assert.Equal(15 * Money.MicrosPerDollar, (await Factory.PaymentAsync(payment.Id)).RefundedMicros);
    }

    [Fact]
    public async Task RefundArrivingBeforeTheConfirmation_EndsCreditedThenReversed()
    {
        var payment = await Factory.StartPurchaseAsync(15 * Money.MicrosPerDollar);

        var refund = await SendAsync(StripeFixtures.Event("charge.refunded", StripeAppFactory.Charge(payment, refundedCents: 1500)));
        var late = await SendAsync(StripeFixtures.Event("checkout.session.completed", StripeAppFactory.PaidSession(payment)));

        Assert.Equal("refund of $15.00", refund.Outcome);
        Assert.Equal("no-op: already succeeded", late.Outcome);
        var entries = await Factory.EntriesForAsync(payment.Id);
        Assert.Equal([15_000_000L, -15_000_000L], entries.Select(e => e.CreditDeltaMicros));
    }

    [Fact]
    public async Task RefundedChargeWithoutOurMetadata_IsFoundByItsPaymentIntent()
    {
        var payment = await PaidPurchaseAsync(15);
        var charge = StripeAppFactory.Charge(payment, refundedCents: 1500);
        charge["metadata"] = new JsonObject();

        var answer = await SendAsync(StripeFixtures.Event("charge.refunded", charge));

        Assert.Equal("refund of $15.00", answer.Outcome);
        Assert.Equal([15_000_000L, -15_000_000L], (await Factory.EntriesForAsync(payment.Id)).Select(e => e.CreditDeltaMicros));
    }

    [Fact]
    public async Task Dispute_AddsItsOwnNegativeEntryOnce()
    {
        var payment = await PaidPurchaseAsync(50);
        var dispute = StripeFixtures.Object("dispute");
        dispute["id"] = $"dp_{payment.Id:N}";
        dispute["charge"] = StripeAppFactory.ChargeId(payment);
        dispute["payment_intent"] = StripeAppFactory.IntentId(payment);
        dispute["amount"] = 5000;

        var answer = await SendAsync(StripeFixtures.Event("charge.dispute.created", dispute));
        await SendAsync(StripeFixtures.Event("charge.dispute.created", dispute)); // another delivery, another event id

        Assert.Equal("dispute of $50.00", answer.Outcome);
        var entries = await Factory.EntriesForAsync(payment.Id);
        Assert.Equal([LedgerEntryType.Purchase, LedgerEntryType.Dispute], entries.Select(e => e.Type));
        Assert.Equal(-50 * Money.MicrosPerDollar, entries[1].CreditDeltaMicros);
    }

    [Fact]
    public async Task RefundAfterTheCreditsWereSpent_GoesBelowZero_AndRunsAreRefused()
    {
        var payment = await PaidPurchaseAsync(15);
        var ledger = Factory.Services.GetRequiredService<CreditLedger>();
        long spendable;
        await using (var db = await Factory.DbFactory.CreateDbContextAsync(Ct))
        {
            var wallet = await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == payment.WorkspaceId, Ct);
            spendable = wallet.CreditBalanceMicros + wallet.AllowanceRemainingMicros;
        }
        await ledger.DebitAsync(new Posting(payment.WorkspaceId, spendable, $"test-spend:{payment.Id}", "Agent runs"), DebitMode.RequireFunds, Ct);

        var answer = await SendAsync(StripeFixtures.Event("charge.refunded", StripeAppFactory.Charge(payment, refundedCents: 1500)));

        Assert.Equal("refund of $15.00", answer.Outcome);
        await using (var db = await Factory.DbFactory.CreateDbContextAsync(Ct))
        {
            var wallet = await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == payment.WorkspaceId, Ct);
            Assert.Equal(-15 * Money.MicrosPerDollar, wallet.CreditBalanceMicros);
            var sum = await db.LedgerEntries.Where(e => e.WorkspaceId == payment.WorkspaceId).SumAsync(e => e.CreditDeltaMicros, Ct);
            Assert.Equal(wallet.CreditBalanceMicros, sum);
        }
        Assert.NotNull(await Factory.Services.GetRequiredService<MeteringService>().AuthorizeRunAsync(payment.WorkspaceId, Ct));
    }

    [Fact]
    public async Task RefundOfAnUnknownCharge_IsAHarmlessNoOp()
    {
        var stranger = StripeFixtures.Object("charge");
        stranger["amount_refunded"] = 100;
        var answer = await SendAsync(StripeFixtures.Event("charge.refunded", stranger));
        Assert.Equal("ignored: unknown payment", answer.Outcome);
    }

    private async Task<Payment> PaidPurchaseAsync(int dollars)
    {
        var payment = await Factory.StartPurchaseAsync(dollars * Money.MicrosPerDollar);
        await SendAsync(StripeFixtures.Event("checkout.session.completed", StripeAppFactory.PaidSession(payment)));
        return await Factory.PaymentAsync(payment.Id);
    }

    private async Task<StripeWebhookAnswerBody> SendAsync(JsonObject stripeEvent)
    {
        var response = await Factory.SendEventAsync(stripeEvent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<StripeWebhookAnswerBody>(Ct))!;
    }
}
