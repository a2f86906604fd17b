namespace BillingPortal.Domain.Audit;

/// <summary>Where a change came from.</summary>
public enum AuditSource
{
    Page = 0,
    Api = 1,
    Worker = 2,
    Webhook = 3,
}

/// <summary>
/// One recorded change of money settings or access: who (a user, or a system actor), when (UTC), from where, what
/// (a stable <see cref="AuditActions">action code</see> and target), and the values before and after as small JSON.
/// Append-only: only <c>AuditTrail</c> adds rows, and nothing updates or deletes them (an architecture test holds this).
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public DateTime At { get; init; }
    /// <summary>The signed-in user who made the change; null for a system actor.</summary>
    public string? ActorUserId { get; init; }
    /// <summary>What a reader sees: the user's e-mail as it was then, or <see cref="AuditActors.Worker"/>/<see cref="AuditActors.Stripe"/>.</summary>
    public required string ActorLabel { get; init; }
    public AuditSource Source { get; init; }
    public required string Action { get; init; }
    public string? TargetId { get; init; }
    public string? TargetLabel { get; init; }
    /// <summary>The changed fields' values before, as a JSON object (only the fields that changed); null when the target is new.</summary>
    public string? Before { get; init; }
    /// <summary>The changed fields' values after, as a JSON object; null when the target is gone.</summary>
    public string? After { get; init; }
    /// <summary>Ties the row to the request, job or webhook event that caused it.</summary>
    public string? CorrelationId { get; init; }
}

/// <summary>The system actors, for changes no person made directly.</summary>
public static class AuditActors
{
    public const string Worker = "worker";
    public const string Stripe = "stripe";
}
