using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Gateway;

namespace BillingPortal.Tests.Features.Payments.Stripe;

/// <summary>With Stripe configured, the app's purchase and card flows go to Stripe Checkout, once per purchase.</summary>
public sealed class StripePurchaseTests(StripeAppFixture app) : IClassFixture<StripeAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void StripeIsTheGateway_WhenBothSecretsAreSet()
    {
        var gateway = app.Factory.Services.GetRequiredService<IPaymentGateway>();
        Assert.Equal(PaymentProvider.Stripe, gateway.Provider);
        Assert.False(gateway.LiveMode);
    }

    [Fact]
    public async Task FiveRapidClicksOnPurchase_OpenOneStripeCheckout()
    {
        var (workspace, user) = await app.Factory.AcmeOwnerAsync();
        var purchases = app.Factory.Services.GetRequiredService<PurchaseService>();
        var key = Guid.NewGuid().ToString("N");

        var starts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            purchases.StartAsync(workspace, user, 15 * Money.MicrosPerDollar, key, "https://billing.test/", Ct)));

        var payment = Assert.Single(starts.Select(s => s.Payment!.Id).Distinct());
        var url = Assert.Single(starts.Select(s => s.RedirectUrl).Distinct());
        Assert.StartsWith("https://checkout.stripe.test/c/pay/cs_test_fake", url);
        // However many calls reached Stripe, they carried one idempotency key: one checkout session at Stripe.
        var creates = app.Factory.StripeApi.To("POST", "/v1/checkout/sessions").Where(r => r.Form["client_reference_id"] == payment.ToString()).ToList();
        Assert.NotEmpty(creates);
        Assert.All(creates, r => Assert.Equal($"checkout:{payment}", r.IdempotencyKey));
        var stored = await app.Factory.PaymentAsync(payment);
        Assert.Equal(url, stored.CheckoutUrl);
        Assert.Equal(PaymentStatus.Pending, stored.Status);
        Assert.False(stored.LiveMode);
        Assert.Empty(await app.Factory.EntriesForAsync(payment));
    }
}
