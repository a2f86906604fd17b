namespace BillingPortal.Domain.Usage;

/// <summary>
/// One priced line item of one reported step (append-only, the raw record that charts and totals must
/// agree with). An event for an LLM step yields up to two: input and output tokens.
/// </summary>
public sealed class UsageLineItem
{
    public long Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string EventId { get; init; }
    public required string RunId { get; init; }
    public required string Agent { get; init; }
    public DateTime Timestamp { get; init; }
    public int StepIndex { get; init; }
    public required string StepType { get; init; }
    public LineItemKind LineItem { get; init; }
    public UsageMetric Metric { get; init; }
    /// <summary>The model id, integration id, or "storage".</summary>
    public required string Key { get; init; }
    public long Quantity { get; init; }
    public long RateId { get; init; }
    public long CostMicros { get; init; }
    public long? DurationMs { get; init; }
    public string? UserId { get; init; }
    public string? PersonaId { get; init; }
    public Guid? ApiKeyId { get; init; }
}

/// <summary>Marks an event id as seen in a workspace; written in the same transaction as its line items.</summary>
public sealed class UsageEventReceipt
{
    public Guid WorkspaceId { get; init; }
    public required string EventId { get; init; }
    public DateTime ReceivedAt { get; init; }
}

/// <summary>One agent run's totals, kept current with each accepted event so the runs table never scans line items.</summary>
public sealed class UsageRun
{
    public Guid WorkspaceId { get; init; }
    public required string RunId { get; init; }
    public required string Agent { get; set; }
    public DateTime FirstAt { get; set; }
    public DateTime LastAt { get; set; }
    public int Events { get; set; }
    public long CostMicros { get; set; }
    public Guid? ApiKeyId { get; set; }
}

/// <summary>
/// Usage summed per day x agent x line item x metric x key x API key, updated in the debit's transaction:
/// charts read these, never the raw line items. <see cref="ApiKeyId"/> is <see cref="Guid.Empty"/> when none.
/// </summary>
public sealed class UsageDailyRollup
{
    public Guid WorkspaceId { get; init; }
    public DateTime Day { get; init; }
    public required string Agent { get; init; }
    public LineItemKind LineItem { get; init; }
    public UsageMetric Metric { get; init; }
    public required string Key { get; init; }
    public Guid ApiKeyId { get; init; }
    public long Quantity { get; set; }
    public long CostMicros { get; set; }
    public int LineItems { get; set; }
}

/// <summary>
/// That a run used a model or integration, so "runs that used gpt-4.1" is an index range instead of a search of
/// every run's line items. <see cref="FirstAt"/> copies the run's, kept equal by ingestion, for ordering.
/// </summary>
public sealed class UsageRunKey
{
    public Guid WorkspaceId { get; init; }
    public required string RunId { get; init; }
    public required string Key { get; init; }
    public DateTime FirstAt { get; set; }
}
