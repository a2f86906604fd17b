using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Checkout;
using BillingPortal.Features.Payments.Gateway;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Features.Payments.PaymentsFixture;

namespace BillingPortal.Tests.Features.Payments;

/// <summary>The local checkout's server side: pay, decline, double submit, who may pay, and a crash between charge and credit.</summary>
public class LocalCheckoutTests
{
    private const long Fifteen = 15 * Money.MicrosPerDollar;
    private static CardInput Card(string number) => new(number, "12 / 30", "123", "Ada Lovelace");

    [Fact]
    public async Task Pay_WithTheSuccessCard_CreditsOnce_AndRecordsAProcessedEvent()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);

        var result = await f.Checkout.PayAsync(f.Owner, payment.CheckoutId!, Card("4242 4242 4242 4242"), Ct);

        Assert.Equal(PayStatus.Settled, result.Status);
        Assert.Equal($"/billing/credits/return?payment={payment.Id}", result.ReturnPath);
        var stored = await f.PaymentAsync(payment.Id);
        Assert.Equal(PaymentStatus.Succeeded, stored.Status);
        Assert.Equal("Visa •••• 4242", stored.CardDescription);
        Assert.StartsWith("ch_local_", stored.ProviderChargeId);
        Assert.Equal(Fifteen, await f.CreditBalanceAsync());
        var evt = await EventAsync(f, payment.Id);
        Assert.Equal(LocalPaymentEvent.SucceededType, evt.Type);
        Assert.NotNull(evt.ProcessedAt);
        Assert.StartsWith("Applied", evt.Outcome);
        await f.AssertLedgerSoundAsync();
    }

    [Theory]
    [InlineData(CardRules.Declined, "card_declined", "Your card was declined.")]
    [InlineData(CardRules.InsufficientFunds, "insufficient_funds", "Your card has insufficient funds.")]
    [InlineData(CardRules.DeclinesAfterAttach, "card_declined", "Your card was declined.")]
    public async Task Pay_WithADeclinedCard_RecordsTheFailure_AndCreditsNothing(string number, string code, string message)
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);

        var result = await f.Checkout.PayAsync(f.Owner, payment.CheckoutId!, Card(number), Ct);

        Assert.Equal(PayStatus.Settled, result.Status);
        var stored = await f.PaymentAsync(payment.Id);
        Assert.Equal((PaymentStatus.Failed, code, message), (stored.Status, stored.FailureCode, stored.FailureMessage));
        Assert.Equal(0, await f.CreditBalanceAsync());
        var outcome = await f.Returns.GetAsync(f.Owner, payment.Id, Ct);
        Assert.Equal(PaymentStatus.Failed, outcome!.Status);
        Assert.Equal(message, outcome.FailureMessage);
    }

    [Fact]
    public async Task Pay_WithTheAuthenticationCard_SucceedsBecauseTheCardholderIsThere()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);

        await f.Checkout.PayAsync(f.Owner, payment.CheckoutId!, Card(CardRules.RequiresAuthentication), Ct);

        Assert.Equal(PaymentStatus.Succeeded, (await f.PaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task Pay_WithBadFields_ReturnsEachErrorAndWritesNothing()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);

        var result = await f.Checkout.PayAsync(f.Owner, payment.CheckoutId!, new CardInput("4242 4242 4242 4241", "01/20", "12", ""), Ct);

        Assert.Equal(PayStatus.Invalid, result.Status);
        Assert.Equal([CardField.Number, CardField.Expiry, CardField.Cvc, CardField.Name], result.Errors!.Keys.Order());
        Assert.Equal(PaymentStatus.Pending, (await f.PaymentAsync(payment.Id)).Status);
        await using var db = f.Database.Open();
        Assert.Empty(await db.WebhookEvents.ToListAsync(Ct));
    }

    [Fact]
    public async Task FiveConcurrentPays_ChargeAndCreditOnce()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        using var start = new Barrier(5);

        var results = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Task.Run(async () =>
        {
            start.SignalAndWait(Ct);
            return await f.Checkout.PayAsync(f.Owner, payment.CheckoutId!, Card(CardRules.Succeeds), Ct);
        }, Ct)));

        Assert.All(results, r => Assert.Equal(PayStatus.Settled, r.Status));
        Assert.Single(await f.EntriesAsync(LedgerEntryType.Purchase));
        Assert.Equal(Fifteen, await f.CreditBalanceAsync());
        await using var db = f.Database.Open();
        Assert.Single(await db.WebhookEvents.ToListAsync(Ct));
        await f.AssertLedgerSoundAsync();
    }

    [Fact]
    public async Task Pay_AfterADecline_DoesNotChargeTheSameCheckoutAgain()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        await f.Checkout.PayAsync(f.Owner, payment.CheckoutId!, Card(CardRules.Declined), Ct);

        var again = await f.Checkout.PayAsync(f.Owner, payment.CheckoutId!, Card(CardRules.Succeeds), Ct);

        Assert.Equal(PayStatus.Settled, again.Status);
        Assert.Equal(PaymentStatus.Failed, (await f.PaymentAsync(payment.Id)).Status);
        Assert.Equal(0, await f.CreditBalanceAsync());
    }

    [Fact]
    public async Task ACrashBetweenChargeAndCredit_IsCompletedOnceByTheNextDispatch()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        // Fulfilment dies after the event is committed: the process crashed between the charge and the credit.
        var crashing = new LocalCheckoutService(f.Database.Factory, f.Authorization, f.NewEvents(f.NewFulfilment(new CrashingFactory())), new PaymentsAvailability(PaymentsMode.LocalCheckout), f.Database.Clock);

        await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.PayAsync(f.Owner, payment.CheckoutId!, Card(CardRules.Succeeds), Ct));
        Assert.Equal(0, await f.CreditBalanceAsync());
        Assert.Null((await EventAsync(f, payment.Id)).ProcessedAt);

        var first = await f.Events.DispatchPendingAsync(ct: Ct);
        var second = await f.Events.DispatchPendingAsync(ct: Ct);

        Assert.Equal((1, 0), (first, second));
        Assert.Equal(PaymentStatus.Succeeded, (await f.PaymentAsync(payment.Id)).Status);
        Assert.Single(await f.EntriesAsync(LedgerEntryType.Purchase));
        Assert.Equal(Fifteen, await f.CreditBalanceAsync());
        Assert.NotNull((await EventAsync(f, payment.Id)).ProcessedAt);
        await f.AssertLedgerSoundAsync();
    }

    [Fact]
    public async Task TheReturnPage_CompletesAnEventACrashLeft_BeforeItSaysAnything()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        var crashing = new LocalCheckoutService(f.Database.Factory, f.Authorization, f.NewEvents(f.NewFulfilment(new CrashingFactory())), new PaymentsAvailability(PaymentsMode.LocalCheckout), f.Database.Clock);
        await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.PayAsync(f.Owner, payment.CheckoutId!, Card(CardRules.Succeeds), Ct));

        var outcome = await f.Returns.GetAsync(f.Owner, payment.Id, Ct);
        var again = await f.Returns.GetAsync(f.Owner, payment.Id, Ct);

        Assert.Equal(PaymentStatus.Succeeded, outcome!.Status);
        Assert.Equal(Fifteen, outcome.CreditBalanceMicros);
        Assert.Equal(Fifteen, again!.CreditBalanceMicros);
        Assert.Single(await f.EntriesAsync(LedgerEntryType.Purchase));
    }

    [Fact]
    public async Task ADispatchedEvent_DispatchedAgainConcurrently_CreditsOnce()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        var crashing = new LocalCheckoutService(f.Database.Factory, f.Authorization, f.NewEvents(f.NewFulfilment(new CrashingFactory())), new PaymentsAvailability(PaymentsMode.LocalCheckout), f.Database.Clock);
        await Assert.ThrowsAsync<InvalidOperationException>(() => crashing.PayAsync(f.Owner, payment.CheckoutId!, Card(CardRules.Succeeds), Ct));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => f.NewEvents(f.NewFulfilment(f.Database.Factory)).DispatchPendingAsync(ct: Ct), Ct)));

        Assert.Single(await f.EntriesAsync(LedgerEntryType.Purchase));
        Assert.Equal(Fifteen, await f.CreditBalanceAsync());
    }

    [Fact]
    public async Task Checkout_IsNotFound_ForAnyoneWhoMayNotManageItsWorkspace()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        var finance = await f.AddMemberAsync("finance@pay.test", WorkspaceRole.Member, WorkspacePermissions.BillingRead);
        var member = await f.AddMemberAsync("member@pay.test", WorkspaceRole.Member);
        var (outsider, _, _) = await f.AddOtherWorkspaceAsync("outsider@pay.test");
        var admin = await f.AddMemberAsync("admin@pay.test", WorkspaceRole.Admin);

        foreach (var user in new[] { finance, member, outsider })
        {
            Assert.Null(await f.Checkout.FindAsync(user, payment.CheckoutId!, Ct));
            Assert.Equal(PayStatus.NotFound, (await f.Checkout.PayAsync(user, payment.CheckoutId!, Card(CardRules.Succeeds), Ct)).Status);
        }
        Assert.Null(await f.Checkout.FindAsync(f.Owner, "cs_local_nope", Ct));
        Assert.Null(await f.Returns.GetAsync(outsider, payment.Id, Ct));
        Assert.NotNull(await f.Returns.GetAsync(finance, payment.Id, Ct));
        Assert.Null(await f.Returns.TryAgainAsync(finance, payment.Id, BaseUri, Ct));
        Assert.NotNull(await f.Checkout.FindAsync(admin, payment.CheckoutId!, Ct));
        Assert.Equal(0, await f.CreditBalanceAsync());
        Assert.Equal(PaymentStatus.Pending, (await f.PaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task TryAgain_StartsANewPurchaseOfTheSameAmount()
    {
        await using var f = await CreateAsync();
        var payment = await f.StartPurchaseAsync(Fifteen);
        await f.Checkout.PayAsync(f.Owner, payment.CheckoutId!, Card(CardRules.Declined), Ct);

        var retry = await f.Returns.TryAgainAsync(f.Owner, payment.Id, BaseUri, Ct);
        var another = await f.Returns.TryAgainAsync(f.Owner, payment.Id, BaseUri, Ct);

        Assert.True(retry!.Started);
        Assert.NotEqual(payment.Id, retry.Payment!.Id);
        Assert.NotEqual(retry.Payment.Id, another!.Payment!.Id);
        Assert.Equal((Fifteen, PaymentStatus.Pending), (retry.Payment.AmountMicros, retry.Payment.Status));
        Assert.Equal($"/checkout/local/cs_local_{retry.Payment.Id:N}", retry.RedirectUrl);
    }

    [Fact]
    public async Task SaveCard_AttachesItOnce_AsTheDefault_WithItsBehaviour()
    {
        await using var f = await CreateAsync();
        var checkoutId = await StartSetupAsync(f);

        var saved = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => f.Setups.SaveAsync(f.Owner, checkoutId, Card(CardRules.DeclinesAfterAttach), ct: Ct)));

        Assert.All(saved, s => Assert.True(s.Saved));
        await using var db = f.Database.Open();
        var method = Assert.Single(await db.PaymentMethods.ToListAsync(Ct));
        Assert.Equal(("visa", "0341", 12, 2030, true), (method.Brand, method.Last4, method.ExpMonth, method.ExpYear, method.IsDefault));
        Assert.Equal(LocalCardBehavior.DeclinesAfterAttach, (await f.Vault.FindAsync(method.ProviderMethodId, Ct))!.Behavior);
        var setup = await db.CardSetups.SingleAsync(Ct);
        Assert.Equal((CardSetupStatus.Completed, method.Id), (setup.Status, setup.PaymentMethodId));
        Assert.Equal($"/billing/payment?setup={setup.Id}", saved[0].DonePath);
    }

    [Theory]
    [InlineData(CardRules.Declined, "Your card was declined.")]
    [InlineData(CardRules.InsufficientFunds, "Your card has insufficient funds.")]
    public async Task SaveCard_ThatCannotBeSaved_SaysWhyOnTheNumber(string number, string message)
    {
        await using var f = await CreateAsync();
        var checkoutId = await StartSetupAsync(f);

        var result = await f.Setups.SaveAsync(f.Owner, checkoutId, Card(number), ct: Ct);

        Assert.False(result.Saved);
        Assert.Equal(message, result.Errors![CardField.Number]);
        await using var db = f.Database.Open();
        Assert.Empty(await db.PaymentMethods.ToListAsync(Ct));
    }

    [Fact]
    public async Task SaveCard_ByAMemberOrAnOutsider_IsNotFound()
    {
        await using var f = await CreateAsync();
        var checkoutId = await StartSetupAsync(f);
        var member = await f.AddMemberAsync("member@pay.test", WorkspaceRole.Member);
        var (outsider, _, _) = await f.AddOtherWorkspaceAsync("outsider@pay.test");

        Assert.False((await f.Setups.SaveAsync(member, checkoutId, Card(CardRules.Succeeds), ct: Ct)).Found);
        Assert.False((await f.Setups.SaveAsync(outsider, checkoutId, Card(CardRules.Succeeds), ct: Ct)).Found);
        Assert.Null(await f.Setups.FindAsync(outsider, checkoutId, ct: Ct));
        await using var db = f.Database.Open();
        Assert.Empty(await db.PaymentMethods.ToListAsync(Ct));
    }

    private static async Task<string> StartSetupAsync(PaymentsFixture f)
    {
        var url = await new BillingPortal.Features.Payments.CardSetupService(f.Database.Factory, f.Gateway, new PaymentsAvailability(PaymentsMode.LocalCheckout), f.Database.Clock)
            .StartAsync(f.WorkspaceId, f.OwnerId, BaseUri, Ct);
        return url.Split('/')[^1];
    }

    private static async Task<WebhookEvent> EventAsync(PaymentsFixture f, Guid paymentId)
    {
        await using var db = f.Database.Open();
        return await db.WebhookEvents.AsNoTracking().SingleAsync(e => e.EventId == LocalPaymentEvent.EventIdFor(paymentId), Ct);
    }

    /// <summary>Stands for the process dying inside fulfilment: every attempt to open the database fails.</summary>
    private sealed class CrashingFactory : IDbContextFactory<BillingDbContext>
    {
        public BillingDbContext CreateDbContext() => throw new InvalidOperationException("Simulated crash between charge and credit.");
    }
}
