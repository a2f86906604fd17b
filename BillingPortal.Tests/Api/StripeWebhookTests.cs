using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using BillingPortal.Tests.Features.Payments.Stripe;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Api;

/// <summary>
/// Stripe's events about a purchase, over real HTTP into the real app, signed as Stripe signs them: each payment
/// is credited exactly once, however many events, copies and orders confirm it.
/// </summary>
public class StripeWebhookTests(StripeAppFixture app) : IClassFixture<StripeAppFixture>
{
    private StripeAppFactory Factory => app.Factory;

    [Fact]
    public async Task CheckoutCompleted_Paid_CreditsThePurchaseOnce()
    {
        var payment = await Factory.StartPurchaseAsync(15 * Money.MicrosPerDollar);
        var stripeEvent = StripeFixtures.Event("checkout.session.completed", StripeAppFactory.PaidSession(payment));

        var answer = await SendAsync(stripeEvent);

        Assert.False(answer.Duplicate);
        Assert.Equal("credited $15.00", answer.Outcome);
        var entry = Assert.Single(await Factory.EntriesForAsync(payment.Id));
        Assert.Equal(LedgerEntryType.Purchase, entry.Type);
        Assert.Equal(15 * Money.MicrosPerDollar, entry.CreditDeltaMicros);
        var paid = await Factory.PaymentAsync(payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, paid.Status);
        Assert.Equal(StripeAppFactory.IntentId(payment), paid.ProviderPaymentId);
        Assert.Equal(entry.Id, paid.CreditEntryId);
        var recorded = await Factory.WebhookEventAsync(stripeEvent["id"]!.GetValue<string>());
        Assert.NotNull(recorded?.ProcessedAt);
        Assert.Equal("credited $15.00", recorded.Outcome);
        Assert.Equal("checkout.session.completed", recorded.Type);
    }

    [Fact]
    public async Task SameEventReplayed_IsADuplicate_AndCreditsNothingMore()
    {
        var payment = await Factory.StartPurchaseAsync(5 * Money.MicrosPerDollar);
        var stripeEvent = StripeFixtures.Event("checkout.session.completed", StripeAppFactory.PaidSession(payment));

        await SendAsync(stripeEvent);
        var replay = await SendAsync(stripeEvent);
        var third = await SendAsync(stripeEvent);

        Assert.True(replay.Duplicate);
        Assert.True(third.Duplicate);
        Assert.Single(await Factory.EntriesForAsync(payment.Id));
    }

    [Fact]
    public async Task OnePayment_ConfirmedByTwoDifferentEvents_IsCreditedOnce()
    {
        var payment = await Factory.StartPurchaseAsync(50 * Money.MicrosPerDollar);

        var first = await SendAsync(StripeFixtures.Event("payment_intent.succeeded", StripeAppFactory.Intent(payment)));
        var second = await SendAsync(StripeFixtures.Event("checkout.session.completed", StripeAppFactory.PaidSession(payment)));

        Assert.Equal("credited $50.00", first.Outcome);
        Assert.Equal("no-op: already succeeded", second.Outcome);
        Assert.Single(await Factory.EntriesForAsync(payment.Id));
        var paid = await Factory.PaymentAsync(payment.Id);
        Assert.Equal(StripeAppFactory.ChargeId(payment), paid.ProviderChargeId);
        Assert.Equal(payment.CheckoutId, paid.CheckoutId);
    }

    [Fact]
    public async Task EightConcurrentDeliveriesOfOneEvent_CreditOnce_AndNeverFail()
    {
        var payment = await Factory.StartPurchaseAsync(15 * Money.MicrosPerDollar);
        var payload = StripeFixtures.Event("checkout.session.completed", StripeAppFactory.PaidSession(payment)).ToJsonString();
        var header = Factory.SignatureHeader(payload);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Factory.PostWebhookAsync(payload, header)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(await Factory.EntriesForAsync(payment.Id));
    }

    [Fact]
    public async Task ConcurrentDifferentConfirmations_AndTheReturnPage_CreditOnce()
    {
        var payment = await Factory.StartPurchaseAsync(15 * Money.MicrosPerDollar);
        var events = new[]
        {
            StripeFixtures.Event("checkout.session.completed", StripeAppFactory.PaidSession(payment)),
            StripeFixtures.Event("payment_intent.succeeded", StripeAppFactory.Intent(payment)),
            StripeFixtures.Event("charge.refunded", StripeAppFactory.Charge(payment, refundedCents: 0)),
        };
        var fulfilment = Factory.Services.GetRequiredService<PaymentFulfilment>();

        // The browser coming back from checkout confirms through the same fulfilment while the webhooks arrive.
        await Task.WhenAll(events.Select(SendAsync).Cast<Task>().Append(
            fulfilment.ConfirmSucceededAsync(new PaymentReport("return-page", payment.Id, WorkspaceId: payment.WorkspaceId, AmountMicros: payment.AmountMicros), TestContext.Current.CancellationToken)));

        Assert.Single(await Factory.EntriesForAsync(payment.Id));
    }

    [Fact]
    public async Task AutoTopUpFailedAfterSucceeded_LeavesItSucceededAndCredited()
    {
        var payment = await Factory.AddAutoTopUpPaymentAsync(25 * Money.MicrosPerDollar);
        await SendAsync(StripeFixtures.Event("payment_intent.succeeded", StripeAppFactory.Intent(payment)));

        var answer = await SendAsync(StripeFixtures.Event("payment_intent.payment_failed", Failed(payment, "generic_decline", "Your card was declined.")));

        Assert.Equal("ignored: a failure reported after success", answer.Outcome);
        Assert.Equal(PaymentStatus.Succeeded, (await Factory.PaymentAsync(payment.Id)).Status);
        var entry = Assert.Single(await Factory.EntriesForAsync(payment.Id));
        Assert.Equal(LedgerEntryType.AutoTopUp, entry.Type);
    }

    [Fact]
    public async Task AutoTopUpFailed_RecordsStripesReason_AndGrantsNothing()
    {
        var payment = await Factory.AddAutoTopUpPaymentAsync(25 * Money.MicrosPerDollar);

        var answer = await SendAsync(StripeFixtures.Event("payment_intent.payment_failed", Failed(payment, "insufficient_funds", "Your card has insufficient funds.")));

        Assert.Equal("failed: insufficient_funds", answer.Outcome);
        var stored = await Factory.PaymentAsync(payment.Id);
        Assert.Equal(PaymentStatus.Failed, stored.Status);
        Assert.Equal("Your card has insufficient funds.", stored.FailureMessage);
        Assert.Empty(await Factory.EntriesForAsync(payment.Id));
    }

    [Fact]
    public async Task FailedAttemptInCheckout_LeavesThePurchaseOpen_AndTheNextCardPays()
    {
        var payment = await Factory.StartPurchaseAsync(15 * Money.MicrosPerDollar);

        var declined = await SendAsync(StripeFixtures.Event("payment_intent.payment_failed", Failed(payment, "generic_decline", "Your card was declined.")));
        Assert.StartsWith("ignored: an attempt in Checkout failed", declined.Outcome);
        Assert.Equal(PaymentStatus.Pending, (await Factory.PaymentAsync(payment.Id)).Status);

        await SendAsync(StripeFixtures.Event("checkout.session.completed", StripeAppFactory.PaidSession(payment)));
        Assert.Single(await Factory.EntriesForAsync(payment.Id));
    }

    private static JsonObject Failed(Payment payment, string declineCode, string message)
    {
        var failed = StripeAppFactory.Intent(payment, "requires_payment_method");
        failed["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = declineCode, ["message"] = message };
        return failed;
    }

    [Fact]
    public async Task AsyncPayment_UnpaidThenSucceeded_IsProcessingThenCredited()
    {
        var payment = await Factory.StartPurchaseAsync(15 * Money.MicrosPerDollar);

        var unpaid = await SendAsync(StripeFixtures.Event("checkout.session.completed", StripeAppFactory.PaidSession(payment, paymentStatus: "unpaid")));
        Assert.Equal("processing", unpaid.Outcome);
        Assert.Equal(PaymentStatus.Processing, (await Factory.PaymentAsync(payment.Id)).Status);
        Assert.Empty(await Factory.EntriesForAsync(payment.Id));

        var succeeded = await SendAsync(StripeFixtures.Event("checkout.session.async_payment_succeeded", StripeAppFactory.PaidSession(payment)));
        Assert.Equal("credited $15.00", succeeded.Outcome);
        Assert.Single(await Factory.EntriesForAsync(payment.Id));
    }

    [Fact]
    public async Task AsyncPayment_UnpaidThenFailed_IsFailedWithNothingGranted()
    {
        var payment = await Factory.StartPurchaseAsync(15 * Money.MicrosPerDollar);
        await SendAsync(StripeFixtures.Event("checkout.session.completed", StripeAppFactory.PaidSession(payment, paymentStatus: "unpaid")));

        var failed = await SendAsync(StripeFixtures.Event("checkout.session.async_payment_failed", StripeAppFactory.PaidSession(payment, paymentStatus: "unpaid")));

        Assert.Equal("failed: async_payment_failed", failed.Outcome);
        Assert.Equal(PaymentStatus.Failed, (await Factory.PaymentAsync(payment.Id)).Status);
        Assert.Empty(await Factory.EntriesForAsync(payment.Id));
    }

    [Fact]
    public async Task CheckoutExpired_CancelsThePendingPurchase_WithNothingGranted()
    {
        var payment = await Factory.StartPurchaseAsync(15 * Money.MicrosPerDollar);

        var expired = await SendAsync(StripeFixtures.Event("checkout.session.expired", StripeAppFactory.PaidSession(payment, paymentStatus: "unpaid")));

        Assert.Equal("canceled", expired.Outcome);
        Assert.Equal(PaymentStatus.Canceled, (await Factory.PaymentAsync(payment.Id)).Status);
        Assert.Empty(await Factory.EntriesForAsync(payment.Id));
    }

    [Fact]
    public async Task UnknownPayment_IsAHarmlessNoOp()
    {
        var session = StripeFixtures.Object("checkout.session");
        session["mode"] = "payment";
        session["payment_status"] = "paid";
        session["client_reference_id"] = Guid.NewGuid().ToString();
        session["metadata"] = StripeFixtures.Metadata(("workspace_id", Guid.NewGuid()));
        session["amount_total"] = 1500;
        session["currency"] = "usd";
        var before = await LedgerCountAsync();

        var answer = await SendAsync(StripeFixtures.Event("checkout.session.completed", session));

        Assert.Equal("ignored: unknown payment", answer.Outcome);
        Assert.Equal(before, await LedgerCountAsync());
    }

    [Fact]
    public async Task UnhandledEventType_IsRecordedAsIgnored()
    {
        var stripeEvent = StripeFixtures.Event("customer.created", StripeFixtures.Object("customer"));
        var answer = await SendAsync(stripeEvent);
        Assert.Equal("ignored: customer.created is not handled", answer.Outcome);
        Assert.NotNull((await Factory.WebhookEventAsync(stripeEvent["id"]!.GetValue<string>()))?.ProcessedAt);
    }

    [Fact]
    public async Task UnfinishedEvent_IsProcessedAgainOnStripesRetry()
    {
        // A crash after recording the event but before its effects committed leaves ProcessedAt empty.
        var payment = await Factory.StartPurchaseAsync(15 * Money.MicrosPerDollar);
        var stripeEvent = StripeFixtures.Event("checkout.session.completed", StripeAppFactory.PaidSession(payment));
        await using (var db = await Factory.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.WebhookEvents.Add(new WebhookEvent
            {
                Provider = PaymentProvider.Stripe, EventId = stripeEvent["id"]!.GetValue<string>(), Type = "checkout.session.completed",
                Payload = stripeEvent.ToJsonString(), ReceivedAt = Factory.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var retry = await SendAsync(stripeEvent);

        Assert.False(retry.Duplicate);
        Assert.Equal("credited $15.00", retry.Outcome);
        Assert.Single(await Factory.EntriesForAsync(payment.Id));
    }

    [Fact]
    public async Task CardSetupCompleted_SavesTheCardOnce_AndCompletesTheSetup()
    {
        var (workspace, user) = await Factory.AcmeOwnerAsync();
        var url = await Factory.Services.GetRequiredService<CardSetupService>().StartAsync(workspace, user, "https://billing.test/", TestContext.Current.CancellationToken);
        await using var db = await Factory.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var setup = await db.CardSetups.AsNoTracking().SingleAsync(s => s.CheckoutUrl == url, TestContext.Current.CancellationToken);
        var customer = await db.PaymentCustomers.AsNoTracking().Where(c => c.WorkspaceId == workspace).Select(c => c.CustomerId).SingleAsync(TestContext.Current.CancellationToken);
        Factory.StripeApi.SetupCustomer = customer;
        Factory.StripeApi.SetupCard = ("mastercard", "4444", 11, 2032);
        var session = StripeFixtures.Object("checkout.session");
        session["id"] = setup.CheckoutId;
        session["mode"] = "setup";
        session["status"] = "complete";
        session["payment_status"] = "no_payment_required";
        session["customer"] = customer;
        session["setup_intent"] = $"seti_{setup.Id:N}";
        session["payment_intent"] = null;
        session["metadata"] = StripeFixtures.Metadata(("setup_id", setup.Id), ("workspace_id", workspace));

        var answer = await SendAsync(StripeFixtures.Event("checkout.session.completed", session));
        var again = await SendAsync(StripeFixtures.Event("checkout.session.completed", session));

        Assert.Equal("card saved: Mastercard •••• 4444", answer.Outcome);
        Assert.Equal("card saved: Mastercard •••• 4444", again.Outcome);
        var card = await db.PaymentMethods.AsNoTracking().SingleAsync(m => m.ProviderMethodId == $"pm_fake_seti_{setup.Id:N}", TestContext.Current.CancellationToken);
        Assert.Equal((workspace, PaymentProvider.Stripe, 11, 2032), (card.WorkspaceId, card.Provider, card.ExpMonth, card.ExpYear));
        var completed = await db.CardSetups.AsNoTracking().SingleAsync(s => s.Id == setup.Id, TestContext.Current.CancellationToken);
        Assert.Equal(CardSetupStatus.Completed, completed.Status);
        Assert.Equal(card.Id, completed.PaymentMethodId);
    }

    private async Task<int> LedgerCountAsync()
    {
        await using var db = await Factory.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.LedgerEntries.CountAsync(TestContext.Current.CancellationToken);
    }

    private async Task<StripeWebhookAnswerBody> SendAsync(JsonObject stripeEvent)
    {
        var response = await Factory.SendEventAsync(stripeEvent);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<StripeWebhookAnswerBody>(TestContext.Current.CancellationToken);
        Assert.True(body!.Received);
        return body;
    }
}

public sealed record StripeWebhookAnswerBody(bool Received, bool Duplicate, string Outcome);
