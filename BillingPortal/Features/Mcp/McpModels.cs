using BillingPortal.Features.BillingApi;
using BillingPortal.Features.Overview;

namespace BillingPortal.Features.Mcp;

/// <summary>
/// <c>get_balance</c>: the status's money fields, named as <c>GET /api/v1/billing/status</c> names them, and where a
/// person buys credits or changes a card (this server never does).
/// </summary>
public sealed record BalanceAnswer(
    Guid WorkspaceId, string WorkspaceName, long CreditBalanceMicros, long AllowanceRemainingMicros, CardResponse? DefaultCard,
    AutoTopUpResponse AutoTopUp, string CreditsPageUrl, string PaymentPageUrl, string Note);

/// <summary><c>get_plan</c>: the status's plan and subscription, and where a person changes plan, tops up or changes a card.</summary>
public sealed record PlanAnswer(
    Guid WorkspaceId, string WorkspaceName, PlanResponse Plan, SubscriptionResponse Subscription, string PlansPageUrl, string CreditsPageUrl,
    string PaymentPageUrl, string Note);

/// <summary><c>get_run_cost</c>: one agent run and what each of its steps cost.</summary>
public sealed record RunCostAnswer(
    string RunId, string Agent, DateTime FirstAt, DateTime LastAt, long CostMicros, string? ApiKeyName, IReadOnlyList<RunStepAnswer> Steps);

public sealed record RunStepAnswer(int StepIndex, string StepType, long CostMicros, IReadOnlyList<RunLineItemAnswer> LineItems);

/// <param name="LineItem">llm, tool or storage, as the metering API names them.</param>
/// <param name="Metric">inputTokens, outputTokens, calls or gbHours.</param>
/// <param name="Key">The model or the integration priced.</param>
public sealed record RunLineItemAnswer(
    long Id, DateTime Timestamp, string LineItem, string Metric, string Key, long Quantity, string RateName, long UnitPriceMicros,
    long UnitSize, int PlatformFeeBasisPoints, long CostMicros, long? DurationMs);
