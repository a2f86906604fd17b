using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Features.Credits;
using BillingPortal.Features.Subscriptions.Status;

namespace BillingPortal.Features.Overview;

/// <summary>The overview over the API: money as whole micro-dollars in fields ending in <c>Micros</c>.</summary>
public sealed record OverviewResponse(
    Guid WorkspaceId,
    string WorkspaceName,
    string WorkspaceKind,
    PlanResponse Plan,
    SubscriptionResponse Subscription,
    long CreditBalanceMicros,
    long AllowanceRemainingMicros,
    LedgerTotalsResponse Lifetime,
    IReadOnlyList<LedgerEntryResponse> RecentEntries,
    NextInvoiceResponse? NextInvoice)
{
    public static OverviewResponse From(BillingOverview o) => new(
        o.WorkspaceId,
        o.WorkspaceName,
        o.WorkspaceKind.ToString(),
        new PlanResponse(o.Plan.Code, o.Plan.Name, o.Plan.MonthlyPrice.Micros, o.Plan.MonthlyAllowance.Micros),
        new SubscriptionResponse(o.Subscription.Status.ToString(), o.Subscription.TrialDaysLeft, o.Subscription.NextBillingDate, o.Subscription.CurrentPeriodEnd,
            o.Subscription.Dates.ChangesAt, o.Subscription.Dates.ChargesAt,
            o.Subscription.PendingPlanCode, o.Subscription.TrialEndsAt),
        o.CreditBalance.Micros,
        o.AllowanceRemaining.Micros,
        LedgerTotalsResponse.From(o.Lifetime),
        [.. o.RecentEntries.Select(LedgerEntryResponse.From)],
        o.NextInvoice is { } next ? NextInvoiceResponse.From(next) : null);
}

public sealed record PlanResponse(string Code, string Name, long MonthlyPriceMicros, long MonthlyAllowanceMicros);

/// <param name="Status">Trial, Active, PastDue or Paused.</param>
/// <param name="ChangesAt">When the allowance resets and a pending plan applies (a trial with a card converts at its end).</param>
/// <param name="ChargesAt">When the next invoice is issued; null in a trial without a card, which is never charged.</param>
/// <param name="PendingPlanCode">A downgrade that applies at <c>changesAt</c>; null when none.</param>
public sealed record SubscriptionResponse(string Status, int? TrialDaysLeft, DateTime NextBillingDate, DateTime CurrentPeriodEnd,
    DateTime ChangesAt, DateTime? ChargesAt,
    string? PendingPlanCode, DateTime? TrialEndsAt);

/// <summary>The next period invoice as it stands so far (see <c>NextInvoiceEstimate</c>): counted lines make the total.</summary>
public sealed record NextInvoiceResponse(DateTime IssuesOn, string PlanCode, long PlanFeeMicros, long OverageMicros, long TotalMicros,
    IReadOnlyList<NextInvoiceLineResponse> Lines)
{
    public static NextInvoiceResponse From(NextInvoiceEstimate e) => new(e.IssuesOn, e.PlanCode, e.PlanFeeMicros, e.OverageMicros, e.TotalMicros,
        [.. e.Lines.Select(l => new NextInvoiceLineResponse(l.Kind.ToString(), l.Description, l.AmountMicros,
            l.Kind is InvoiceLineKind.PlanFee or InvoiceLineKind.Proration or InvoiceLineKind.Overage))]);
}

/// <param name="Kind">PlanFee, Overage, UsageSummary or Receipt.</param>
/// <param name="CountsTowardTotal">False for the usage summary and receipts, which are listed but already paid.</param>
public sealed record NextInvoiceLineResponse(string Kind, string Description, long AmountMicros, bool CountsTowardTotal);

/// <summary>One ledger entry: signed deltas and the balances right after it.</summary>
public sealed record LedgerEntryResponse(
    long Id,
    string Type,
    string Description,
    DateTime CreatedAt,
    long CreditDeltaMicros,
    long AllowanceDeltaMicros,
    long BalanceAfterMicros,
    long AllowanceAfterMicros)
{
    public static LedgerEntryResponse From(RecentLedgerEntry e) => new(
        e.Id, e.Type.ToString(), e.Description, e.CreatedAt,
        e.CreditDelta.Micros, e.AllowanceDelta.Micros, e.BalanceAfter.Micros, e.AllowanceAfter.Micros);
}

/// <summary>A page of the newest ledger entries, newest first.</summary>
public sealed record LedgerResponse(Guid WorkspaceId, int Limit, IReadOnlyList<LedgerEntryResponse> Entries);
