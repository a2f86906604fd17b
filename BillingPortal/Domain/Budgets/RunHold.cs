namespace BillingPortal.Domain.Budgets;

/// <summary>
/// A run's expected cost, reserved when it was authorized. Not a ledger entry: no money moves. It lowers what later
/// authorizations see as available (and counts against the budgets covering the run) until the run's usage consumes it,
/// the run is completed, or it expires.
/// </summary>
public sealed class RunHold
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string RunId { get; init; }
    public required string Agent { get; init; }
    public Guid? ApiKeyId { get; init; }
    public string? UserId { get; init; }
    public long AmountMicros { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary>When the hold stops counting: an hour after it was made, or when the run was completed (so active holds are one index range).</summary>
    public DateTime ExpiresAt { get; set; }
    /// <summary>When the run was completed (<c>POST /runs/{runId}/complete</c>): the hold no longer counts.</summary>
    public DateTime? ReleasedAt { get; set; }
}
