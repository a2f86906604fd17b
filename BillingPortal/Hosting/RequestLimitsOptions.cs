namespace BillingPortal.Hosting;

/// <summary>
/// The largest request body each endpoint reads, in bytes (<c>RequestLimits:</c> in configuration). A body over its
/// endpoint's cap is refused with 413 before it is read, so one caller cannot make the server hold megabytes.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string Section = "RequestLimits";

    /// <summary>
    /// Every endpoint without its own cap: pages, Identity form posts (a few hundred bytes), the Blazor hub's
    /// long-polling sends (its messages are at most 32 KB each; WebSocket traffic is not a request body).
    /// </summary>
    public long DefaultBytes { get; set; } = 1024 * 1024;

    /// <summary><c>POST /api/v1/usage</c>: 1,000 realistic events are about 300 KB; even 1,000 events at ~1 KB each fit.</summary>
    public long MeteringUsageBytes { get; set; } = 1024 * 1024;

    /// <summary><c>POST /api/v1/runs/authorize</c>: one agent name of at most 100 characters.</summary>
    public long AuthorizeRunBytes { get; set; } = 8 * 1024;

    /// <summary><c>POST</c> and <c>PUT /api/v1/billing/budgets</c>: one budget, a few hundred bytes.</summary>
    public long BudgetBytes { get; set; } = 16 * 1024;

    /// <summary><c>POST /webhooks/stripe</c>: Stripe's events are a few KB; anything bigger is not one.</summary>
    public long StripeWebhookBytes { get; set; } = 512 * 1024;

    internal bool IsValid => DefaultBytes > 0 && MeteringUsageBytes > 0 && AuthorizeRunBytes > 0 && BudgetBytes > 0 && StripeWebhookBytes > 0;
}
