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
    /// <summary>
    /// The instant periods are counted from: period k ends at <c>BillingAnchor.AddMonths(k)</c>, so a period that
    /// starts on the 31st does not drift to the 28th for good after February.
    /// </summary>
    public DateTime BillingAnchor { get; set; }
    /// <summary>A downgrade chosen by a manager, applied when the period ends or a trial with a card converts (<c>SubscriptionDates.ChangesAt</c>); null when none is pending.</summary>
    public string? PendingPlanCode { get; set; }
    public DateTime? PendingPlanRequestedAt { get; set; }
    /// <summary>When an invoice passed its due date unpaid; cleared when the workspace pays.</summary>
    public DateTime? PastDueSince { get; set; }
    /// <summary>When it moved from Past Due to Paused (unpaid too long); cleared when the workspace pays.</summary>
    public DateTime? PausedAt { get; set; }

    public Plan Plan => PlanCatalog.Get(PlanCode);

    public Plan? PendingPlan => PendingPlanCode is { } code ? PlanCatalog.Get(code) : null;

    /// <summary>A trial whose end has passed: runs are refused until a payment method is added or the plan is Free.</summary>
    public bool TrialExpired(DateTime utcNow) => Status == SubscriptionStatus.Trial && TrialEndsAt is { } end && end <= utcNow;

    /// <summary>Whole days left in the trial, rounded up; null when not in trial.</summary>
    public int? TrialDaysLeft(DateTime utcNow) =>
        Status == SubscriptionStatus.Trial && TrialEndsAt is { } end
            ? Math.Max(0, (int)Math.Ceiling((end - utcNow).TotalDays))
            : null;

    /// <summary>When the next charge falls: the trial's end during a trial, otherwise the period's end.</summary>
    public DateTime NextBillingDate =>
        Status == SubscriptionStatus.Trial && TrialEndsAt is { } end ? end : CurrentPeriodEnd;
}
