using BillingPortal.Domain.Subscriptions;
using BillingPortal.Domain;
using BillingPortal.Features.Subscriptions.Status;

namespace BillingPortal.Features.Overview;

/// <summary>Everything the Billing Overview shows about one workspace, read in one consistent query.</summary>
public sealed record BillingOverview(
    Guid WorkspaceId,
    string WorkspaceName,
    WorkspaceKind WorkspaceKind,
    PlanSummary Plan,
    SubscriptionSummary Subscription,
    Money CreditBalance,
    Money AllowanceRemaining,
    LedgerTotals Lifetime,
    IReadOnlyList<RecentLedgerEntry> RecentEntries,
    NextInvoiceEstimate? NextInvoice = null);

/// <summary>The plan the workspace is on.</summary>
public sealed record PlanSummary(string Code, string Name, Money MonthlyPrice, Money MonthlyAllowance);

/// <summary>Where the subscription stands, as of the moment the overview was read.</summary>
/// <param name="TrialDaysLeft">Whole days left, rounded up; null when not in trial.</param>
/// <param name="NextBillingDate">The trial's end during a trial, otherwise the period's end (UTC).</param>
/// <param name="CurrentPeriodEnd">The current period's end (UTC); what happens when is <paramref name="Dates"/>.</param>
/// <param name="Dates">When the allowance resets and a pending plan applies, and when the next charge comes (the worker's rule).</param>
/// <param name="PendingPlanName">A downgrade that applies at <see cref="SubscriptionDates.ChangesAt"/>; null when none.</param>
/// <param name="TrialEndsAt">When the trial ends or ended (UTC); null when not in trial.</param>
public sealed record SubscriptionSummary(
    SubscriptionStatus Status,
    int? TrialDaysLeft,
    DateTime NextBillingDate,
    DateTime CurrentPeriodEnd,
    SubscriptionDates Dates,
    string? PendingPlanCode = null,
    string? PendingPlanName = null,
    DateTime? TrialEndsAt = null);

/// <summary>One ledger entry as shown in recent activity, with the balances right after it.</summary>
public sealed record RecentLedgerEntry(
    long Id,
    LedgerEntryType Type,
    string Description,
    DateTime CreatedAt,
    Money CreditDelta,
    Money AllowanceDelta,
    Money BalanceAfter,
    Money AllowanceAfter);
