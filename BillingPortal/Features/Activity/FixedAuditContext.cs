using BillingPortal.Domain.Audit;

namespace BillingPortal.Features.Activity;

/// <summary>An actor known up front: a job's own scope, or a writer built without the app's services (it still records).</summary>
public sealed class FixedAuditContext(AuditActor actor) : IAuditContext
{
    private AuditActor actor = actor;

    public ValueTask<AuditActor> ActorAsync(CancellationToken ct = default) => ValueTask.FromResult(actor);

    public void Use(AuditActor actor) => this.actor = actor ?? throw new ArgumentNullException(nameof(actor));
}
