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
    LifetimeTotals Lifetime,
    IReadOnlyList<RecentLedgerEntry> RecentEntries,
    NextInvoiceEstimate? NextInvoice = null);

/// <summary>The plan the workspace is on.</summary>
public sealed record PlanSummary(string Code, string Name, Money MonthlyPrice, Money MonthlyAllowance);

/// <summary>Where the subscription stands, as of the moment the overview was read.</summary>
/// <param name="TrialDaysLeft">Whole days left, rounded up; null when not in trial.</param>
/// <param name="NextBillingDate">The trial's end during a trial, otherwise the period's end (UTC).</param>
/// <param name="CurrentPeriodEnd">When the allowance next resets (UTC).</param>
/// <param name="PendingPlanName">A downgrade scheduled for <paramref name="CurrentPeriodEnd"/>; null when none.</param>
/// <param name="TrialEndsAt">When the trial ends or ended (UTC); null when not in trial.</param>
public sealed record SubscriptionSummary(
    SubscriptionStatus Status,
    int? TrialDaysLeft,
    DateTime NextBillingDate,
    DateTime CurrentPeriodEnd,
    string? PendingPlanCode = null,
    string? PendingPlanName = null,
    DateTime? TrialEndsAt = null);

/// <summary>
/// Sums over the whole ledger, each a positive amount (except <see cref="Added"/>, which a large
/// negative adjustment could push below zero).
/// <para><see cref="Added"/> is net: every credit movement that is not usage (purchases, automatic
/// top-ups, grants and adjustments of either sign) less refunds and disputes. So the credit balance
/// always equals <see cref="Added"/> minus <see cref="SpentFromCredits"/>.</para>
/// <para><see cref="Reversed"/> is the refunds and disputes already taken out of <see cref="Added"/>.</para>
/// <para>Usage is split by where it was paid from: the plan's allowance (spent first) or purchased
/// credits. Allowance resets are not money added: they are not counted anywhere here.</para>
/// </summary>
public sealed record LifetimeTotals(Money Added, Money Reversed, Money SpentFromCredits, Money SpentFromAllowance)
{
    /// <summary>All usage, whichever balance paid for it.</summary>
    public Money Spent => SpentFromCredits + SpentFromAllowance;
}

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
