using BillingPortal.Domain.Audit;

namespace BillingPortal.Features.Activity;

/// <summary>
/// Who is acting in this scope, and from where: a Blazor page (the signed-in user, <see cref="AuditSource.Page"/>), an
/// API endpoint (<see cref="AuditSource.Api"/>), a background worker or a Stripe webhook (which say so with <see cref="Use"/>).
/// Scoped: one per request, circuit or job.
/// </summary>
public interface IAuditContext
{
    /// <summary>The actor to record; read before the unit of work opens.</summary>
    ValueTask<AuditActor> ActorAsync(CancellationToken ct = default);

    /// <summary>Fixes the actor for the rest of this scope (workers, webhooks, tests).</summary>
    void Use(AuditActor actor);
}
