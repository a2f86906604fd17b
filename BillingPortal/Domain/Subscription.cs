namespace BillingPortal.Domain;

public enum SubscriptionStatus
{
    Trial = 0,
    Active = 1,
    PastDue = 2,
    Paused = 3,
}

/// <summary>A workspace's plan and where it stands in its billing period.</summary>
public sealed class Subscription
{
    public Guid WorkspaceId { get; init; }
    public required string PlanCode { get; set; }
    public SubscriptionStatus Status { get; set; }
    public DateTime? TrialEndsAt { get; set; }
    public DateTime CurrentPeriodStart { get; set; }
    public DateTime CurrentPeriodEnd { get; set; }

    public Plan Plan => PlanCatalog.Get(PlanCode);

    /// <summary>Whole days left in the trial, rounded up; null when not in trial.</summary>
    public int? TrialDaysLeft(DateTime utcNow) =>
        Status == SubscriptionStatus.Trial && TrialEndsAt is { } end
            ? Math.Max(0, (int)Math.Ceiling((end - utcNow).TotalDays))
            : null;

    /// <summary>When the next charge falls: the trial's end during a trial, otherwise the period's end.</summary>
    public DateTime NextBillingDate =>
        Status == SubscriptionStatus.Trial && TrialEndsAt is { } end ? end : CurrentPeriodEnd;
}
