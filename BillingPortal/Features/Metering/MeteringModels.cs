using System.Text.Json.Serialization;
using BillingPortal.Domain.Usage;

namespace BillingPortal.Features.Metering;

/// <summary>
/// The body of <c>POST /api/v1/runs/authorize</c>: the agent (and the user the run is for) pick the budgets that cover it;
/// <c>estimatedMicros</c> with a <c>runId</c> holds that much until the run's usage consumes it, it completes or it expires.
/// </summary>
public sealed record AuthorizeRunRequest(string? Agent, string? UserId = null, long? EstimatedMicros = null, string? RunId = null);

/// <summary>200 from authorize: the run may start; with an estimate, the hold made for it.</summary>
public sealed record AuthorizeRunResponse(
    bool Allowed,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Guid? HoldId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? HeldMicros = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTime? ExpiresAt = null);

/// <summary>200 from <c>POST /api/v1/runs/{runId}/complete</c>: the run's hold no longer counts.</summary>
public sealed record CompleteRunResponse(string RunId, Guid HoldId, long HeldMicros, DateTime CompletedAt);

/// <summary>The body of <c>POST /api/v1/usage</c>: 1 to 1,000 events.</summary>
public sealed record UsageBatchRequest(List<UsageEventInput?>? Events);

/// <summary>One reported step as sent; every field is optional here so each gap gets its own message.</summary>
public sealed record UsageEventInput(
    string? Id, string? RunId, string? Agent, DateTimeOffset? Timestamp, int? StepIndex, string? StepType,
    string? LineItem, string? Model, string? Integration,
    long? InputTokens, long? OutputTokens, long? Calls, long? GbHours, long? DurationMs,
    string? UserId, string? PersonaId);

/// <summary>What a usage request did. Money is integer micro-USD.</summary>
public sealed record UsageResponse(int Accepted, int Duplicates, long ChargedMicros, long AllowanceRemainingMicros, long CreditBalanceMicros);

/// <summary>A validated event, ready to price: quantities per metric, the key (model, integration or "storage").</summary>
public sealed record UsageEvent(
    string Id, string RunId, string Agent, DateTime Timestamp, int StepIndex, string StepType,
    LineItemKind LineItem, string Key, IReadOnlyList<(UsageMetric Metric, long Quantity)> Quantities,
    long? DurationMs = null, string? UserId = null, string? PersonaId = null);
