using BillingPortal.Data;
using BillingPortal.Domain.Audit;

namespace BillingPortal.Features.Activity;

/// <summary>
/// The only writer of <see cref="AuditEntry"/> rows (an architecture test holds this). The row joins the caller's
/// <see cref="WriteScope"/>, so it commits with the change or not at all: a throw, a rollback or a <c>commitWhen</c>
/// refusal of the unit records nothing.
/// </summary>
public sealed class AuditTrail(TimeProvider clock)
{
    /// <summary>Adds the row for <paramref name="change"/> by <paramref name="actor"/> to the unit; saved when the unit commits.</summary>
    public AuditEntry RecordWithin(WriteScope scope, AuditActor actor, AuditChange change)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var entry = change.ToEntry(actor, clock.GetUtcNow().UtcDateTime);
        scope.Db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>As <see cref="RecordWithin"/>, but only when the snapshots differ (a save that changed nothing records nothing).</summary>
    public void RecordChangeWithin(WriteScope scope, AuditActor actor, AuditChange change)
    {
        if (AuditDiff.Changes(change.Before, change.After))
            RecordWithin(scope, actor, change);
    }
}
