using System.Net;
using System.Text;
using BillingPortal.Domain;
using BillingPortal.Tests.Features.Payments.Stripe;
using static BillingPortal.Tests.Api.BodyLimits.BodyLimitTesting;

namespace BillingPortal.Tests.Api.BodyLimits;

/// <summary>Stripe's webhook reads at most 512 KiB: a bigger delivery is a 413 problem and records nothing.</summary>
public sealed class StripeWebhookBodyLimitTests(StripeAppFixture app) : IClassFixture<StripeAppFixture>
{
    private const int Cap = 512 * 1024;
    private StripeAppFactory Factory => app.Factory;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SignedDeliveryOverHalfAMiB_Is413Problem_AndNothingIsRecorded(bool declareLength)
    {
        var (payment, eventId, response) = await SendPaddedAsync(Cap + 8 * 1024, declareLength);

        await AssertTooLargeAsync(response, Cap);
        Assert.Null(await Factory.WebhookEventAsync(eventId));
        Assert.Empty(await Factory.EntriesForAsync(payment.Id));
    }

    [Fact]
    public async Task SignedDeliveryJustUnderTheCap_IsStillReceived()
    {
        var (payment, eventId, response) = await SendPaddedAsync(Cap - 8 * 1024, declareLength: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await Factory.WebhookEventAsync(eventId));
        Assert.Single(await Factory.EntriesForAsync(payment.Id));
    }

    /// <summary>A correctly signed paid-checkout event, padded with an extra field to about <paramref name="bytes"/>.</summary>
    private async Task<(BillingPortal.Domain.Payments.Payment Payment, string EventId, HttpResponseMessage Response)> SendPaddedAsync(int bytes, bool declareLength)
    {
        var payment = await Factory.StartPurchaseAsync(15 * Money.MicrosPerDollar);
        var stripeEvent = StripeFixtures.Event("checkout.session.completed", StripeAppFactory.PaidSession(payment));
        stripeEvent["padding"] = "";
        stripeEvent["padding"] = new string('x', bytes - stripeEvent.ToJsonString().Length);
        var payload = stripeEvent.ToJsonString();
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(payload));

        using var client = UnbufferedClient(Factory);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe") { Content = new SizedContent(Encoding.UTF8.GetBytes(payload), declareLength) };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Factory.SignatureHeader(payload));
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(declareLength, request.Content.Headers.ContentLength is not null);
        return (payment, stripeEvent["id"]!.GetValue<string>(), response);
    }
}
