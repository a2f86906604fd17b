namespace BillingPortal.Domain.Audit;

/// <summary>
/// One change to record: the action, its target (id and a human label, both data, never markup), and the target's
/// fields before and after (null before: created; null after: removed). <see cref="ToEntry"/> keeps only the changed fields.
/// </summary>
public sealed record AuditChange(
    Guid WorkspaceId,
    string Action,
    string? TargetId,
    string? TargetLabel,
    IReadOnlyDictionary<string, object?>? Before = null,
    IReadOnlyDictionary<string, object?>? After = null)
{
    public const int MaxTargetIdLength = 128;

    /// <summary>The row for this change by <paramref name="actor"/> at <paramref name="at"/> (UTC).</summary>
    public AuditEntry ToEntry(AuditActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!AuditActions.IsWellFormed(Action))
            throw new ArgumentException($"\"{Action}\" is not an audit action code (area.verb, lower case).", nameof(Action));
        if (at.Kind != DateTimeKind.Utc)
            throw new ArgumentException("Audit times are UTC.", nameof(at));
        var (before, after) = AuditDiff.Between(Before, After);
        return new AuditEntry
        {
            WorkspaceId = WorkspaceId, At = at, ActorUserId = actor.UserId, ActorLabel = AuditActor.Clip(actor.Label), Source = actor.Source,
            Action = Action, TargetId = TargetId is null ? null : TargetId[..Math.Min(TargetId.Length, MaxTargetIdLength)],
            TargetLabel = TargetLabel is null ? null : AuditActor.Clip(TargetLabel), Before = before, After = after,
            CorrelationId = actor.CorrelationId is { Length: > 64 } c ? c[..64] : actor.CorrelationId,
        };
    }
}
