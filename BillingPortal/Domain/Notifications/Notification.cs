namespace BillingPortal.Domain.Notifications;

/// <summary>The notification types; the first four are the product's named events.</summary>
public static class NotificationTypes
{
    public const string BalanceLow = "credit_balance_low";
    public const string BalanceDepleted = "credit_balance_depleted";
    public const string AutoRechargeTriggered = "credit_auto_recharge_triggered";
    public const string PurchaseFailed = "credit_purchase_failed";
    public const string PurchaseSucceeded = "credit_purchase_succeeded";
    public const string AutoRechargeFailed = "credit_auto_recharge_failed";
    public const string AutoRechargeCapReached = "credit_auto_recharge_cap_reached";
    public const string AutoRechargePaused = "credit_auto_recharge_paused";
    public const string PaymentRefunded = "payment_refunded";
    public const string PaymentDisputed = "payment_disputed";
    public const string InvoiceIssued = "invoice_issued";
    public const string InvoicePaid = "invoice_paid";
    public const string InvoicePaymentFailed = "invoice_payment_failed";
    public const string InvoicePastDue = "invoice_past_due";
    public const string SubscriptionPaused = "subscription_paused";
    public const string SubscriptionResumed = "subscription_resumed";
    public const string TrialEnding = "trial_ending";
    public const string TrialExpired = "trial_expired";
    public const string PlanChanged = "plan_changed";
    /// <summary>A budget's spend reached one of its thresholds: once per budget, period and threshold.</summary>
    public const string BudgetThresholdReached = "budget_threshold_reached";
    /// <summary>An agent's spend today passed its spike rule (<see cref="Spikes.SpikeRule"/>): once per agent per UTC day.</summary>
    public const string SpendSpikeAgent = "spend_spike_agent";
    /// <summary>The workspace's total spend today passed the spike rule: once per UTC day.</summary>
    public const string SpendSpikeWorkspace = "spend_spike_workspace";
}

/// <summary>
/// One notification for one user about one workspace. <see cref="DedupeKey"/> is unique per user and workspace,
/// so the same event or threshold crossing notified twice is stored (and e-mailed) once.
/// </summary>
public sealed class Notification
{
    public long Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string UserId { get; init; }
    public required string Type { get; init; }
    public required string DedupeKey { get; init; }
    public required string Title { get; init; }
    public required string Message { get; init; }
    /// <summary>Where the notification leads in the app, relative ("billing/credits").</summary>
    public string? Link { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? ReadAt { get; set; }
    public DateTime? EmailedAt { get; set; }
}
