namespace BillingPortal.Domain.Payments;

/// <summary>
/// A workspace's credit settings: the low-balance threshold and auto top-up. One row per workspace, created on
/// first save; absent means the defaults (low balance at $5, auto top-up off). "Balance" in both thresholds is
/// what can be spent: the allowance left plus purchased credits.
/// </summary>
public sealed class CreditSettings
{
    public const long DefaultLowBalanceThresholdMicros = 5 * Money.MicrosPerDollar;

    public Guid WorkspaceId { get; init; }
    public long LowBalanceThresholdMicros { get; set; } = DefaultLowBalanceThresholdMicros;

    public bool AutoTopUpEnabled { get; set; }
    /// <summary>A debit that leaves the balance below this charges one top-up.</summary>
    public long AutoTopUpThresholdMicros { get; set; }
    public long AutoTopUpAmountMicros { get; set; }
    /// <summary>The most automatic charges may add up to in one calendar month (UTC).</summary>
    public long AutoTopUpMonthlyCapMicros { get; set; }
    /// <summary>The card to charge; null means the workspace's default card.</summary>
    public Guid? AutoTopUpPaymentMethodId { get; set; }

    /// <summary>Set when failures ran out of retries: no more automatic charges until an Owner or Admin re-enables.</summary>
    public DateTime? AutoTopUpPausedAt { get; set; }
    public string? AutoTopUpPauseReason { get; set; }
    public int AutoTopUpConsecutiveFailures { get; set; }
    /// <summary>When the next retry after a failure is due (back-off).</summary>
    public DateTime? AutoTopUpNextAttemptAt { get; set; }
    /// <summary>The automatic charge under way: claimed atomically, so two crossing debits cannot charge twice.</summary>
    public Guid? AutoTopUpInFlightPaymentId { get; set; }
    public DateTime? AutoTopUpInFlightSince { get; set; }

    public DateTime UpdatedAt { get; set; }
    public string? UpdatedByUserId { get; set; }
}
