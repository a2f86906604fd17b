namespace BillingPortal.Features.Payments.Stripe;

/// <summary>The "Stripe" configuration section. Stripe is used only when both secrets are set.</summary>
public sealed class StripeOptions
{
    public const string Section = "Stripe";

    /// <summary><c>sk_test_…</c> or <c>sk_live_…</c> (a restricted <c>rk_…</c> key works too).</summary>
    public string? SecretKey { get; set; }

    /// <summary>The endpoint's signing secret, <c>whsec_…</c>, from the dashboard or <c>stripe listen</c>.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where the API lives; only tests change it (a fake Stripe).</summary>
    public string? ApiBase { get; set; }

    /// <summary>Retries of a failed network call. Safe because every create carries an idempotency key.</summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>Live keys make live-mode payments; events in the other mode are refused.</summary>
    public bool LiveMode => SecretKey?.StartsWith("sk_live_", StringComparison.Ordinal) == true
                            || SecretKey?.StartsWith("rk_live_", StringComparison.Ordinal) == true;

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[$"{Section}:{nameof(SecretKey)}"])
        && !string.IsNullOrWhiteSpace(configuration[$"{Section}:{nameof(WebhookSecret)}"]);
}
