using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Stripe;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Payments.Stripe;

/// <summary>
/// The real app with Stripe configured (test-mode keys) and Stripe.net talking to <see cref="FakeStripeApi"/>.
/// Webhooks are posted over HTTP, signed the way Stripe signs them, at the app's fake clock.
/// </summary>
public sealed class StripeAppFactory : BillingAppFactory
{
    public const string SecretKey = "sk_test_51FakeKeyForBillingPortalTests";
    public const string WebhookSecret = "whsec_test_billingportal_webhook_secret";

    public FakeStripeApi StripeApi { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Stripe:SecretKey", SecretKey);
        builder.UseSetting("Stripe:WebhookSecret", WebhookSecret);
        builder.UseSetting("Stripe:ApiBase", "https://api.stripe.test");
        builder.UseSetting("Stripe:MaxNetworkRetries", "0");
        builder.ConfigureServices(services => services.AddHttpClient(StripeRegistration.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => StripeApi));
    }

    /// <summary>Stripe's header for <paramref name="payload"/>: signed with Stripe.net's own signer, at <paramref name="at"/> (default: the app's now).</summary>
    public string SignatureHeader(string payload, DateTimeOffset? at = null, string secret = WebhookSecret)
    {
        var timestamp = (at ?? Clock.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = global::Stripe.EventUtility.ComputeSignature(secret, timestamp, payload);
        return $"t={timestamp},v1={signature}";
    }

    public async Task<HttpResponseMessage> PostWebhookAsync(string payload, string? signatureHeader)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/stripe")
        {
            Content = new StringContent(payload, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (signatureHeader is not null)
            request.Headers.TryAddWithoutValidation("Stripe-Signature", signatureHeader);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Posts <paramref name="stripeEvent"/> correctly signed.</summary>
    public Task<HttpResponseMessage> SendEventAsync(JsonObject stripeEvent)
    {
        var payload = stripeEvent.ToJsonString();
        return PostWebhookAsync(payload, SignatureHeader(payload));
    }

    public async Task<(Guid WorkspaceId, string UserId)> AcmeOwnerAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var workspace = await db.Workspaces.Where(w => w.Name == "Acme AI").Select(w => w.Id).SingleAsync(TestContext.Current.CancellationToken);
        var user = await db.Users.Where(u => u.Email == "owner@acme.test").Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken);
        return (workspace, user);
    }

    /// <summary>A purchase started the real way: PurchaseService through the Stripe gateway to the fake Stripe.</summary>
    public async Task<Payment> StartPurchaseAsync(long amountMicros)
    {
        var (workspace, user) = await AcmeOwnerAsync();
        var started = await Services.GetRequiredService<PurchaseService>().StartAsync(workspace, user, amountMicros,
            Guid.NewGuid().ToString("N"), "https://billing.test/", TestContext.Current.CancellationToken);
        Assert.True(started.Started, started.Error);
        return started.Payment!;
    }

    /// <summary>An off-session charge as auto top-up records it before calling the gateway.</summary>
    public async Task<Payment> AddAutoTopUpPaymentAsync(long amountMicros)
    {
        var (workspace, _) = await AcmeOwnerAsync();
        var now = Clock.GetUtcNow().UtcDateTime;
        var payment = new Payment
        {
            WorkspaceId = workspace, Purpose = PaymentPurpose.AutoTopUp, Provider = PaymentProvider.Stripe, AmountMicros = amountMicros,
            Status = PaymentStatus.Pending, RequestKey = $"autotopup:{Guid.NewGuid():N}", Description = "Auto top-up", CreatedAt = now, UpdatedAt = now,
        };
        await using var db = await DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        db.Payments.Add(payment);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return payment;
    }

    public async Task<Payment> PaymentAsync(Guid paymentId)
    {
        await using var db = await DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, TestContext.Current.CancellationToken);
    }

    /// <summary>The ledger entries a payment caused: its credit and any refunds or disputes.</summary>
    public async Task<List<LedgerEntry>> EntriesForAsync(Guid paymentId)
    {
        await using var db = await DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var id = paymentId.ToString();
        return await db.LedgerEntries.AsNoTracking()
            .Where(e => e.IdempotencyKey == $"payment:{id}" || e.IdempotencyKey.StartsWith($"refund:{id}:") || e.IdempotencyKey.StartsWith($"dispute:{id}:"))
            .OrderBy(e => e.Id).ToListAsync(TestContext.Current.CancellationToken);
    }

    public async Task<WebhookEvent?> WebhookEventAsync(string eventId)
    {
        await using var db = await DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.WebhookEvents.AsNoTracking().SingleOrDefaultAsync(e => e.EventId == eventId, TestContext.Current.CancellationToken);
    }

    /// <summary>checkout.session.completed for <paramref name="payment"/>, as Stripe would send it once it was paid.</summary>
    public static JsonObject PaidSession(Payment payment, string paymentStatus = "paid", long? amountCents = null)
    {
        var session = StripeFixtures.Object("checkout.session");
        session["id"] = payment.CheckoutId;
        session["mode"] = "payment";
        session["status"] = "complete";
        session["payment_status"] = paymentStatus;
        session["client_reference_id"] = payment.Id.ToString();
        session["metadata"] = StripeFixtures.Metadata(("payment_id", payment.Id), ("workspace_id", payment.WorkspaceId));
        session["amount_total"] = amountCents ?? payment.AmountMicros / Money.MicrosPerCent;
        session["amount_subtotal"] = session["amount_total"]!.DeepClone();
        session["currency"] = "usd";
        session["payment_intent"] = IntentId(payment);
        return session;
    }

    /// <summary>The PaymentIntent behind <paramref name="payment"/>'s checkout (its id derived from ours, as Stripe's is stable per checkout).</summary>
    public static JsonObject Intent(Payment payment, string status = "succeeded")
    {
        var intent = StripeFixtures.Object("payment_intent");
        var cents = payment.AmountMicros / Money.MicrosPerCent;
        intent["id"] = IntentId(payment);
        intent["amount"] = cents;
        intent["amount_received"] = status == "succeeded" ? cents : 0;
        intent["currency"] = "usd";
        intent["status"] = status;
        intent["metadata"] = StripeFixtures.Metadata(("payment_id", payment.Id), ("workspace_id", payment.WorkspaceId));
        intent["latest_charge"] = ChargeId(payment);
        intent["last_payment_error"] = null;
        intent["next_action"] = null;
        return intent;
    }

    public static JsonObject Charge(Payment payment, long refundedCents = 0)
    {
        var charge = StripeFixtures.Object("charge");
        charge["id"] = ChargeId(payment);
        charge["amount"] = payment.AmountMicros / Money.MicrosPerCent;
        charge["amount_captured"] = charge["amount"]!.DeepClone();
        charge["captured"] = true;
        charge["amount_refunded"] = refundedCents;
        charge["refunded"] = refundedCents * Money.MicrosPerCent == payment.AmountMicros;
        charge["payment_intent"] = IntentId(payment);
        charge["metadata"] = StripeFixtures.Metadata(("payment_id", payment.Id), ("workspace_id", payment.WorkspaceId));
        return charge;
    }

    public static string IntentId(Payment payment) => $"pi_fake_{payment.Id:N}";
    public static string ChargeId(Payment payment) => $"ch_fake_{payment.Id:N}";
}
