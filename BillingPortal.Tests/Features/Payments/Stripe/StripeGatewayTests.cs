using System.Net;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Features.Payments.Stripe;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.Payments.Stripe;

/// <summary>The Stripe adapter against a fake Stripe API: what it sends, and how it reads Stripe's answers.</summary>
public sealed class StripeGatewayTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeStripeApi api = new();
    private TestDatabase database = null!;
    private StripeGateway gateway = null!;
    private Guid workspace;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var owner = await database.AddUserAsync("ada@example.test");
        workspace = await database.Provisioner.EnsurePersonalWorkspaceAsync(owner, "ada", Ct);
        gateway = Gateway("sk_test_gateway");
    }

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private StripeGateway Gateway(string secretKey)
    {
        var options = new StripeOptions { SecretKey = secretKey, WebhookSecret = "whsec_x", ApiBase = "https://api.stripe.test", MaxNetworkRetries = 0 };
        var client = new global::Stripe.StripeClient(secretKey, httpClient: new global::Stripe.SystemNetHttpClient(new HttpClient(api), 0), apiBase: options.ApiBase);
        return new StripeGateway(client, options, new StripeCustomers(client, database.Factory, database.Clock), NullLogger<StripeGateway>.Instance);
    }

    [Fact]
    public async Task StartPaymentCheckout_SendsTheCheckoutStripeExpects_AndReturnsItsUrl()
    {
        var paymentId = Guid.NewGuid();
        var start = await gateway.StartPaymentCheckoutAsync(new PaymentCheckoutRequest(paymentId, workspace, 15_000_000, "usd",
            "Credit purchase of $15.00", "https://app.test/return?payment=1", "https://app.test/return?canceled=1", "ada@example.test"), Ct);

        var create = Assert.Single(api.To("POST", "/v1/checkout/sessions"));
        Assert.Equal($"checkout:{paymentId}", create.IdempotencyKey);
        Assert.False(string.IsNullOrEmpty(create.StripeVersion));
        var form = create.Form;
        Assert.Equal("payment", form["mode"]);
        Assert.Equal("1500", form["line_items[0][price_data][unit_amount]"]);
        Assert.Equal("usd", form["line_items[0][price_data][currency]"]);
        Assert.Equal(StripeGateway.ProductName, form["line_items[0][price_data][product_data][name]"]);
        Assert.Equal("1", form["line_items[0][quantity]"]);
        Assert.Equal(paymentId.ToString(), form["client_reference_id"]);
        Assert.Equal(paymentId.ToString(), form["metadata[payment_id]"]);
        Assert.Equal(workspace.ToString(), form["metadata[workspace_id]"]);
        Assert.Equal(paymentId.ToString(), form["payment_intent_data[metadata][payment_id]"]);
        Assert.Equal(workspace.ToString(), form["payment_intent_data[metadata][workspace_id]"]);
        Assert.Equal("https://app.test/return?payment=1", form["success_url"]);
        Assert.Equal("https://app.test/return?canceled=1", form["cancel_url"]);
        Assert.StartsWith("cus_fake", form["customer"]);
        Assert.StartsWith("cs_test_fake", start.CheckoutId);
        Assert.Equal($"https://checkout.stripe.test/c/pay/{start.CheckoutId}", start.RedirectUrl);
    }

    [Fact]
    public async Task StartPaymentCheckout_CalledTwiceForOnePayment_IsOneCheckoutAtStripe()
    {
        var request = new PaymentCheckoutRequest(Guid.NewGuid(), workspace, 5_000_000, "usd", "Credits", "https://a.test/s", "https://a.test/c", null);
        var first = await gateway.StartPaymentCheckoutAsync(request, Ct);
        var second = await gateway.StartPaymentCheckoutAsync(request, Ct);

        Assert.Equal(first, second);
        Assert.All(api.To("POST", "/v1/checkout/sessions"), r => Assert.Equal($"checkout:{request.PaymentId}", r.IdempotencyKey));
    }

    [Fact]
    public async Task Customer_IsCreatedOncePerWorkspace_AndStored()
    {
        var other = await database.Provisioner.EnsurePersonalWorkspaceAsync(await database.AddUserAsync("bob@example.test"), "bob", Ct);
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => gateway.StartPaymentCheckoutAsync(
            new PaymentCheckoutRequest(Guid.NewGuid(), workspace, 5_000_000, "usd", "Credits", "https://a.test/s", "https://a.test/c", null), Ct)));
        await gateway.StartCardSetupAsync(new CardSetupRequest(Guid.NewGuid(), workspace, "https://a.test/s", "https://a.test/c", null), Ct);
        await gateway.StartCardSetupAsync(new CardSetupRequest(Guid.NewGuid(), other, "https://a.test/s", "https://a.test/c", null), Ct);

        // Concurrent first uses may each ask, but with one idempotency key: Stripe makes one customer per workspace.
        var creates = api.To("POST", "/v1/customers").ToList();
        Assert.Equal(new[] { $"customer:{other}", $"customer:{workspace}" }.Order(), creates.Select(c => c.IdempotencyKey!).Distinct().Order());
        Assert.Equal(workspace.ToString(), creates.First(c => c.IdempotencyKey == $"customer:{workspace}").Form["metadata[workspace_id]"]);
        await using var db = database.Open();
        var stored = await db.PaymentCustomers.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(2, stored.Count);
        Assert.All(stored, c => Assert.Equal(PaymentProvider.Stripe, c.Provider));
        var sessions = api.To("POST", "/v1/checkout/sessions").Where(s => s.Form["metadata[workspace_id]"] == workspace.ToString());
        Assert.Single(sessions.Select(s => s.Form["customer"]).Distinct());
    }

    [Fact]
    public async Task StartCardSetup_OpensSetupModeCheckout_KeyedBySetup()
    {
        var setupId = Guid.NewGuid();
        var start = await gateway.StartCardSetupAsync(new CardSetupRequest(setupId, workspace, "https://a.test/billing/payment?setup=1", "https://a.test/billing/payment", null), Ct);

        var create = Assert.Single(api.To("POST", "/v1/checkout/sessions"));
        Assert.Equal($"setup:{setupId}", create.IdempotencyKey);
        Assert.Equal("setup", create.Form["mode"]);
        Assert.Equal("usd", create.Form["currency"]);
        Assert.Equal(setupId.ToString(), create.Form["metadata[setup_id]"]);
        Assert.Equal(workspace.ToString(), create.Form["setup_intent_data[metadata][workspace_id]"]);
        Assert.False(create.Form.ContainsKey("line_items[0][quantity]"));
        Assert.Equal($"https://checkout.stripe.test/c/pay/{start.CheckoutId}", start.RedirectUrl);
    }

    [Fact]
    public async Task ChargeOffSession_Succeeded_SendsAConfirmedOffSessionIntent()
    {
        var (request, result) = await ChargeAsync();

        Assert.Equal(OffSessionOutcome.Succeeded, result.Outcome);
        Assert.StartsWith("pi_fake_", result.ProviderPaymentId);
        Assert.StartsWith("ch_fake_", result.ProviderChargeId);
        var sent = Assert.Single(api.To("POST", "/v1/payment_intents"));
        Assert.Equal(request.IdempotencyKey, sent.IdempotencyKey);
        Assert.Equal("2500", sent.Form["amount"]);
        Assert.Equal("usd", sent.Form["currency"]);
        Assert.Equal("true", sent.Form["off_session"]);
        Assert.Equal("true", sent.Form["confirm"]);
        Assert.Equal("pm_card_visa", sent.Form["payment_method"]);
        Assert.StartsWith("cus_fake", sent.Form["customer"]);
        Assert.Equal(request.PaymentId.ToString(), sent.Form["metadata[payment_id]"]);
    }

    [Fact]
    public async Task ChargeOffSession_Processing_IsProcessing()
    {
        api.PaymentIntentReply = r => (HttpStatusCode.OK, FakeStripeApi.SucceededIntent(r, "processing"));
        var (_, result) = await ChargeAsync();
        Assert.Equal(OffSessionOutcome.Processing, result.Outcome);
        Assert.StartsWith("pi_fake_", result.ProviderPaymentId);
    }

    [Fact]
    public async Task ChargeOffSession_CardDeclined_IsDeclinedWithStripesCodeAndMessage()
    {
        api.PaymentIntentReply = r =>
        {
            var intent = FakeStripeApi.SucceededIntent(r, "requires_payment_method");
            return (HttpStatusCode.PaymentRequired, FakeStripeApi.Error("card_error", "card_declined", "insufficient_funds", "Your card has insufficient funds.", intent));
        };
        var (_, result) = await ChargeAsync();

        Assert.Equal(OffSessionOutcome.Declined, result.Outcome);
        Assert.Equal("insufficient_funds", result.FailureCode);
        Assert.Equal("Your card has insufficient funds.", result.FailureMessage);
        Assert.StartsWith("pi_fake_", result.ProviderPaymentId);
    }

    [Fact]
    public async Task ChargeOffSession_AuthenticationRequired_IsAuthenticationRequired()
    {
        api.PaymentIntentReply = r => (HttpStatusCode.PaymentRequired, FakeStripeApi.Error("card_error", "authentication_required", "authentication_required",
            "Your card was declined. This transaction requires authentication.", FakeStripeApi.SucceededIntent(r, "requires_payment_method")));
        var (_, result) = await ChargeAsync();

        Assert.Equal(OffSessionOutcome.AuthenticationRequired, result.Outcome);
        Assert.Equal("authentication_required", result.FailureCode);
        Assert.Equal(StripeMessages.AuthenticationRequired, result.FailureMessage);
    }

    [Fact]
    public async Task ChargeOffSession_StripeFails_IsAnErrorNotAnException()
    {
        api.PaymentIntentReply = _ => (HttpStatusCode.InternalServerError, FakeStripeApi.Error("api_error", null, null, "Something went wrong on Stripe's end."));
        var (_, result) = await ChargeAsync();

        Assert.Equal(OffSessionOutcome.Error, result.Outcome);
        Assert.Equal("api_error", result.FailureCode);
        Assert.Null(result.ProviderPaymentId);
    }

    [Fact]
    public async Task ChargeOffSession_StripeUnreachable_IsAnErrorNotAnException()
    {
        await gateway.StartCardSetupAsync(new CardSetupRequest(Guid.NewGuid(), workspace, "https://a.test/s", "https://a.test/c", null), Ct);
        api.NetworkFailure = new HttpRequestException("Connection refused");

        var result = await gateway.ChargeOffSessionAsync(Request(), Ct);

        Assert.Equal(OffSessionOutcome.Error, result.Outcome);
        Assert.Equal(StripeMessages.Unavailable, result.FailureMessage);
    }

    [Fact]
    public async Task ChargeOffSession_WithoutACustomer_IsAnErrorAndCallsNothing()
    {
        var result = await gateway.ChargeOffSessionAsync(Request(), Ct);
        Assert.Equal(OffSessionOutcome.Error, result.Outcome);
        Assert.Equal("no_customer", result.FailureCode);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public async Task PortalUrl_IsNullWithoutACustomer_AndStripesSessionUrlWithOne()
    {
        Assert.Null(await gateway.CreatePortalUrlAsync(workspace, "https://a.test/billing/payment", Ct));
        Assert.Empty(api.Requests);

        await gateway.StartCardSetupAsync(new CardSetupRequest(Guid.NewGuid(), workspace, "https://a.test/s", "https://a.test/c", null), Ct);
        var url = await gateway.CreatePortalUrlAsync(workspace, "https://a.test/billing/payment", Ct);

        Assert.StartsWith("https://billing.stripe.test/p/session/", url);
        var sent = Assert.Single(api.To("POST", "/v1/billing_portal/sessions"));
        Assert.Equal("https://a.test/billing/payment", sent.Form["return_url"]);
        Assert.StartsWith("cus_fake", sent.Form["customer"]);
    }

    [Fact]
    public async Task Detach_CallsStripe_AndSwallowsAMissingCard()
    {
        var method = new PaymentMethod { WorkspaceId = workspace, Provider = PaymentProvider.Stripe, ProviderMethodId = "pm_card_visa", Brand = "visa", Last4 = "4242" };
        await gateway.DetachPaymentMethodAsync(method, Ct);
        Assert.Single(api.To("POST", "/v1/payment_methods/pm_card_visa/detach"));

        // The fake answers 404 resource_missing for an unknown path: Stripe's answer for a card already gone.
        var gone = new PaymentMethod { WorkspaceId = workspace, Provider = PaymentProvider.Stripe, ProviderMethodId = "pm_gone/x", Brand = "visa", Last4 = "4242" };
        await gateway.DetachPaymentMethodAsync(gone, Ct);
    }

    [Fact]
    public async Task SetupCard_ReadsTheSavedCardFromTheSetupIntent()
    {
        api.SetupCard = ("mastercard", "4444", 12, 2031);
        api.SetupCustomer = "cus_x";
        var card = await gateway.GetSetupCardAsync("seti_123", Ct);

        Assert.Equal(new StripeSavedCard("pm_fake_seti_123", "cus_x", "mastercard", "4444", 12, 2031), card);
        var sent = Assert.Single(api.To("GET", "/v1/setup_intents/seti_123"));
        Assert.Contains("payment_method", Uri.UnescapeDataString(sent.Query));
    }

    [Theory]
    [InlineData("sk_test_abc", false)]
    [InlineData("sk_live_abc", true)]
    [InlineData("rk_live_abc", true)]
    public void LiveMode_FollowsTheKey(string key, bool live) => Assert.Equal(live, Gateway(key).LiveMode);

    private async Task<(OffSessionChargeRequest, OffSessionResult)> ChargeAsync()
    {
        // A card on file implies the customer exists: a setup made it.
        await gateway.StartCardSetupAsync(new CardSetupRequest(Guid.NewGuid(), workspace, "https://a.test/s", "https://a.test/c", null), Ct);
        var request = Request();
        return (request, await gateway.ChargeOffSessionAsync(request, Ct));
    }

    private OffSessionChargeRequest Request()
    {
        var paymentId = Guid.NewGuid();
        var method = new PaymentMethod { WorkspaceId = workspace, Provider = PaymentProvider.Stripe, ProviderMethodId = "pm_card_visa", Brand = "visa", Last4 = "4242", ExpMonth = 8, ExpYear = 2030 };
        return new OffSessionChargeRequest(paymentId, workspace, 25_000_000, "usd", "Auto top-up", method, $"autotopup:{paymentId}");
    }
}
