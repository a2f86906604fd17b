namespace BillingPortal.Cli.Api;

// The billing API's answers as the CLI reads them (docs/billing-api.md); --json prints these same shapes.

public sealed record BillingStatus(
    Guid WorkspaceId, string WorkspaceName, Plan Plan, Subscription Subscription,
    long CreditBalanceMicros, long AllowanceRemainingMicros, Card? DefaultCard, AutoTopUp AutoTopUp);

public sealed record Plan(string Code, string Name, long MonthlyPriceMicros, long MonthlyAllowanceMicros);

public sealed record Subscription(string Status, int? TrialDaysLeft, DateTime NextBillingDate, DateTime CurrentPeriodEnd,
    DateTime ChangesAt, DateTime? ChargesAt, string? PendingPlanCode, DateTime? TrialEndsAt);

public sealed record AutoTopUp(bool Enabled, long ThresholdMicros, long AmountMicros, long MonthlyCapMicros,
    long ChargedThisMonthMicros, bool Paused, string? PauseReason);

public sealed record Card(Guid Id, string Brand, string Last4, int ExpMonth, int ExpYear, bool IsDefault, bool IsExpired);

public sealed record CardList(IReadOnlyList<Card> Data);

public sealed record Transaction(long Id, DateTime CreatedAt, string Type, string Description, string? Reference,
    long CreditDeltaMicros, long AllowanceDeltaMicros, long BalanceAfterMicros, long AllowanceAfterMicros);

public sealed record TransactionPage(IReadOnlyList<Transaction> Data, bool HasMore, string? NextPage);

public sealed record Invoice(Guid Id, string Number, string Kind, string Status, DateTime PeriodStart, DateTime PeriodEnd,
    DateTime IssuedAt, DateTime DueAt, long TotalMicros, string PdfUrl);

public sealed record InvoicePage(IReadOnlyList<Invoice> Data, bool HasMore, string? NextPage);

/// <summary>A page for a person to open; nothing is charged or changed until they act there.</summary>
public sealed record BrowserUrl(string Url, string Message);

public sealed record TopUpRequest(long AmountMicros);

/// <summary><c>GET /api/v1/billing/costs</c>: buckets of results; a result has only the keys asked for in groupBy.</summary>
public sealed record CostPage(IReadOnlyList<CostBucket> Data, bool HasMore, string? NextPage, long TotalMicros);

public sealed record CostBucket(DateTime Start, DateTime End, IReadOnlyList<CostResult> Results);

public sealed record CostResult(long AmountMicros, long Quantity, string? Agent, string? Model, string? LineItem);

/// <summary>A budget (<c>GET /api/v1/billing/budgets</c>); spent, held and the period's dates are read-only.</summary>
public sealed record Budget(Guid Id, string Scope, string? Target, string Period, long LimitMicros, string Action,
    IReadOnlyList<int> Thresholds, long SpentMicros, long HeldMicros, DateTime PeriodStart, DateTime ResetsAt);

public sealed record BudgetList(IReadOnlyList<Budget> Data);

/// <summary>What <c>billing budgets set</c> sends: the whole budget (a PUT replaces every field).</summary>
public sealed record BudgetRequest(string Scope, string? Target, string Period, long LimitMicros, string Action, IReadOnlyList<int>? Thresholds);
