using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Features.Payments.Stripe;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Api;

/// <summary>Forged, stale, malformed and tampered deliveries: refused with a 400 problem, or granted nothing.</summary>
public sealed class StripeWebhookSecurityTests(StripeAppFixture app) : IClassFixture<StripeAppFixture>
{
    private StripeAppFactory Factory => app.Factory;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string?> BadHeaders() => new(
        null, "", "garbage", "t=,v1=", "t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000",
        "t=1772355600", "v1=0000000000000000000000000000000000000000000000000000000000000000", "t=1,v1=xyz",
        "t=99999999999999999999999999,v1=0000000000000000000000000000000000000000000000000000000000000000");

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public async Task MissingOrMalformedSignature_Is400ProblemJson_AndNothingIsRecorded(string? header)
    {
        var (payment, stripeEvent) = await PaidEventAsync();

        var response = await Factory.PostWebhookAsync(stripeEvent.ToJsonString(), header);

        await AssertRefusedAsync(response, stripeEvent, payment);
    }

    [Fact]
    public async Task TamperedBody_IsRefused_AndNothingIsWritten()
    {
        var (payment, stripeEvent) = await PaidEventAsync();
        var payload = stripeEvent.ToJsonString();
        var header = Factory.SignatureHeader(payload);
        var tampered = payload.Replace($"\"amount_total\":{payment.AmountMicros / Money.MicrosPerCent}", "\"amount_total\":9999999", StringComparison.Ordinal);
        Assert.NotEqual(payload, tampered);

        var response = await Factory.PostWebhookAsync(tampered, header);

        await AssertRefusedAsync(response, stripeEvent, payment, "No signature");
    }

    [Fact]
    public async Task SignedWithAnotherSecret_IsRefused()
    {
        var (payment, stripeEvent) = await PaidEventAsync();
        var payload = stripeEvent.ToJsonString();

        var response = await Factory.PostWebhookAsync(payload, Factory.SignatureHeader(payload, secret: "whsec_attacker"));

        await AssertRefusedAsync(response, stripeEvent, payment, "No signature");
    }

    [Fact]
    public async Task SignedMoreThanFiveMinutesAgo_IsRefused()
    {
        var (payment, stripeEvent) = await PaidEventAsync();
        var payload = stripeEvent.ToJsonString();

        var response = await Factory.PostWebhookAsync(payload, Factory.SignatureHeader(payload, Factory.Clock.GetUtcNow().AddMinutes(-6)));

        await AssertRefusedAsync(response, stripeEvent, payment, "tolerance");
    }

    [Fact]
    public async Task CapturedDelivery_ReplayedAfterFiveMinutes_IsRefused()
    {
        var (payment, stripeEvent) = await PaidEventAsync();
        var payload = stripeEvent.ToJsonString();
        var header = Factory.SignatureHeader(payload);
        Assert.Equal(HttpStatusCode.OK, (await Factory.PostWebhookAsync(payload, header)).StatusCode);

        Factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var replay = await Factory.PostWebhookAsync(payload, header);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Single(await Factory.EntriesForAsync(payment.Id));
    }

    [Fact]
    public async Task SignedBodyThatIsNotAnEvent_Is400()
    {
        const string payload = "{\"hello\": [1, 2";
        var response = await Factory.PostWebhookAsync(payload, Factory.SignatureHeader(payload));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string> Tamperings() => new()
    {
        { "amount", "mismatch: amount" },
        { "currency", "mismatch: currency" },
        { "livemode", "mismatch: a live-mode event" },
        { "object-livemode", "mismatch: a live-mode report" },
        { "workspace", "mismatch: workspace" },
        { "workspace-not-a-guid", "mismatch: workspace id" },
        { "checkout", "mismatch: checkout" },
    };

    /// <summary>Correctly signed (as if the secret leaked, or Stripe were fed a wrong checkout), but not what we asked for.</summary>
    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task ConfirmationThatDisagreesWithThePayment_GrantsNothing(string tampering, string expected)
    {
        var payment = await Factory.StartPurchaseAsync(15 * Money.MicrosPerDollar);
        var session = StripeAppFactory.PaidSession(payment);
        var liveMode = false;
        switch (tampering)
        {
            case "amount": session["amount_total"] = 150_000; break;
            case "currency": session["currency"] = "eur"; break;
            case "livemode": liveMode = true; break;
            case "object-livemode": session["livemode"] = true; break;
            case "workspace": session["metadata"]!["workspace_id"] = Guid.NewGuid().ToString(); break;
            case "workspace-not-a-guid": session["metadata"]!["workspace_id"] = "acme"; break;
            case "checkout": session["id"] = "cs_test_someone_elses"; break;
        }
        var stripeEvent = StripeFixtures.Event("checkout.session.completed", session, liveMode: liveMode);

        var response = await Factory.SendEventAsync(stripeEvent);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<StripeWebhookAnswerBody>(Ct);
        Assert.StartsWith(expected, body!.Outcome);
        Assert.Empty(await Factory.EntriesForAsync(payment.Id));
        Assert.Equal(PaymentStatus.Pending, (await Factory.PaymentAsync(payment.Id)).Status);
        Assert.StartsWith("mismatch", (await Factory.WebhookEventAsync(stripeEvent["id"]!.GetValue<string>()))?.Outcome);
    }

    [Fact]
    public async Task WithoutStripeConfigured_TheEndpointIs404()
    {
        await using var local = new BillingAppFactory { SeedDemo = false };
        using var client = local.CreateClient();
        var response = await client.PostAsync("/webhooks/stripe", new StringContent("{}"), Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(Payment, JsonObject)> PaidEventAsync()
    {
        var payment = await Factory.StartPurchaseAsync(15 * Money.MicrosPerDollar);
        return (payment, StripeFixtures.Event("checkout.session.completed", StripeAppFactory.PaidSession(payment)));
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, JsonObject stripeEvent, Payment payment, string? reason = null)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct);
        Assert.Equal(400, problem!.Status);
        if (reason is not null)
            Assert.Contains(reason, problem.Detail);
        Assert.Null(await Factory.WebhookEventAsync(stripeEvent["id"]!.GetValue<string>()));
        Assert.Empty(await Factory.EntriesForAsync(payment.Id));
        Assert.Equal(PaymentStatus.Pending, (await Factory.PaymentAsync(payment.Id)).Status);
    }
}
