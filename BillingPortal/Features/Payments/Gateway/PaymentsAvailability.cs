using BillingPortal.Hosting;

namespace BillingPortal.Features.Payments.Gateway;

/// <summary>Which way money can move in this app, decided once at startup.</summary>
public enum PaymentsMode
{
    /// <summary><c>Stripe:SecretKey</c> and <c>Stripe:WebhookSecret</c> are set.</summary>
    Stripe,
    /// <summary>No Stripe, on a developer's machine or in tests: the local checkout, no money moves.</summary>
    LocalCheckout,
    /// <summary>No Stripe outside Development, and the operator opted in: the local checkout, with a "test mode" banner.</summary>
    LocalCheckoutOptedIn,
    /// <summary>No Stripe and no opt-in outside Development: buying, adding cards and paying are refused.</summary>
    NotConfigured,
}

/// <summary>
/// Whether payments can be taken, and why not. Outside Development the local checkout would grant credits for
/// Stripe's public test card, so it runs there only when an operator sets <see cref="AllowLocalCheckoutKey"/>.
/// </summary>
public sealed record PaymentsAvailability(PaymentsMode Mode)
{
    public const string AllowLocalCheckoutKey = "Payments:AllowLocalCheckout";

    /// <summary>What buying credits, adding a card or paying an invoice answers when payments are not configured.</summary>
    public const string NotConfiguredMessage =
        "Payments are not set up on this server, so nothing can be charged. An operator must set Stripe:SecretKey and " +
        "Stripe:WebhookSecret, or set " + AllowLocalCheckoutKey + "=true to use the local test checkout (no real money).";

    public bool CanTakePayments => Mode != PaymentsMode.NotConfigured;

    /// <summary>The in-app checkout pages under <c>/checkout/local/…</c> answer; otherwise they are 404.</summary>
    public bool LocalCheckoutOn => Mode is PaymentsMode.LocalCheckout or PaymentsMode.LocalCheckoutOptedIn;

    /// <summary>Every page says "test mode: no real money" (a real deployment running the local checkout).</summary>
    public bool ShowsTestModeBanner => Mode == PaymentsMode.LocalCheckoutOptedIn;

    /// <param name="stripeConfigured">Both Stripe secrets are set (the Stripe adapter's to say; the seam knows no adapter).</param>
    public static PaymentsAvailability Decide(bool stripeConfigured, IConfiguration configuration, IHostEnvironment environment)
    {
        if (stripeConfigured)
            return new(PaymentsMode.Stripe);
        if (environment.IsLocalOnly())
            return new(PaymentsMode.LocalCheckout);
        return new(configuration.GetValue<bool>(AllowLocalCheckoutKey) ? PaymentsMode.LocalCheckoutOptedIn : PaymentsMode.NotConfigured);
    }
}

/// <summary>A payment was asked of a server that has no way to take one; the message names the settings.</summary>
public sealed class PaymentsNotConfiguredException() : InvalidOperationException(PaymentsAvailability.NotConfiguredMessage);
