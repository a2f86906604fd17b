namespace BillingPortal.Domain.Audit;

/// <summary>Who made a change and from where; <see cref="CorrelationId"/> ties it to its request, job or event.</summary>
public sealed record AuditActor(string? UserId, string Label, AuditSource Source, string? CorrelationId)
{
    public const int MaxLabelLength = 256;

    /// <summary>A signed-in person; <paramref name="email"/> is what readers see (it is kept as it was then).</summary>
    public static AuditActor User(string userId, string? email, AuditSource source, string? correlationId = null) =>
        new(userId, Clip(string.IsNullOrWhiteSpace(email) ? userId : email), source, correlationId);

    /// <summary>A background job (the billing-period worker, auto top-up).</summary>
    public static AuditActor Worker(string? correlationId = null) => new(null, AuditActors.Worker, AuditSource.Worker, correlationId);

    /// <summary>Stripe, through a webhook event (<paramref name="eventId"/> correlates).</summary>
    public static AuditActor Stripe(string? eventId = null) => new(null, AuditActors.Stripe, AuditSource.Webhook, eventId);

    internal static string Clip(string text) => text.Length <= MaxLabelLength ? text : text[..MaxLabelLength];
}
