using BillingPortal.Domain;

namespace BillingPortal.Features.Subscriptions.Status;

/// <summary>The oldest invoice the workspace has left unpaid past its due date.</summary>
public sealed record OverdueInvoice(long Number, long TotalMicros, DateTime DueAt);

/// <summary>
/// Where a workspace's subscription stands, as much as the app-wide banner needs: read in one query
/// (<see cref="SubscriptionStatusQuery"/>) on every navigation, so it stays small.
/// </summary>
/// <param name="HasUsableCard">A card on file that is not removed and not expired: what lets an ended trial convert.</param>
/// <param name="OldestOverdue">The oldest Past Due invoice; null when none.</param>
/// <param name="OverdueCount">How many invoices are Past Due.</param>
/// <param name="OverdueTotalMicros">What they add up to.</param>
public sealed record SubscriptionStanding(
    string PlanCode,
    SubscriptionStatus Status,
    DateTime? TrialEndsAt,
    DateTime? PastDueSince,
    DateTime? PausedAt,
    bool HasUsableCard,
    OverdueInvoice? OldestOverdue,
    int OverdueCount,
    long OverdueTotalMicros)
{
    public Plan Plan => PlanCatalog.Find(PlanCode) ?? PlanCatalog.Free;
}

public enum BannerKind
{
    TrialRunning,
    /// <summary>The trial is over and a card is on file: the billing worker converts it to paid shortly; runs are allowed.</summary>
    TrialConverting,
    /// <summary>The trial is over with no usable card: runs are refused (<c>trial_expired</c>).</summary>
    TrialExpired,
    PastDue,
    Paused,
}

/// <summary>How loudly a banner speaks: Info and Warning are polite (<c>role="status"</c>), Error interrupts (<c>role="alert"</c>).</summary>
public enum BannerTone
{
    Info,
    Warning,
    Error,
}

/// <param name="Text">The link's accessible name: says where it goes, not "click here".</param>
public sealed record BannerLink(string Text, string Href);

/// <summary>One banner: what it says, how loudly, and where it sends a manager (no links for read-only users).</summary>
/// <param name="Note">For a reader who may not act: whom to ask.</param>
public sealed record Banner(BannerKind Kind, BannerTone Tone, string Message, IReadOnlyList<BannerLink> Links, string? Note = null);
