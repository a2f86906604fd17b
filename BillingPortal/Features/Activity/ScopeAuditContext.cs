using System.Security.Claims;
using BillingPortal.Domain.Audit;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingPortal.Features.Activity;

/// <summary>
/// Works the actor out from the scope: an HTTP request to an endpoint is the API (a Razor component endpoint, a
/// statically rendered form, is a page); no HTTP request but a circuit's signed-in user is a page; anything else
/// is a worker. Webhooks and jobs say who they are with <see cref="Use"/>.
/// </summary>
public sealed class ScopeAuditContext(IHttpContextAccessor http, IServiceProvider services) : IAuditContext
{
    private AuditActor? fixedActor;

    public void Use(AuditActor actor) => fixedActor = actor ?? throw new ArgumentNullException(nameof(actor));

    public async ValueTask<AuditActor> ActorAsync(CancellationToken ct = default)
    {
        if (fixedActor is not null)
            return fixedActor;
        var context = http.HttpContext;
        // A circuit's events run on the SignalR connection: that request is not what the user did.
        if (context is not null && !context.Request.Path.StartsWithSegments("/_blazor"))
        {
            var isPage = context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;
            return FromUser(context.User, isPage ? AuditSource.Page : AuditSource.Api, context.TraceIdentifier)
                ?? AuditActor.Worker(context.TraceIdentifier);
        }
        if (services.GetService<AuthenticationStateProvider>() is { } auth)
        {
            try
            {
                var state = await auth.GetAuthenticationStateAsync();
                if (FromUser(state.User, AuditSource.Page, Correlation()) is { } user)
                    return user;
            }
            catch (InvalidOperationException)
            {
                // Not a circuit and not a request (a job's own scope): no one is signed in here.
            }
        }
        return AuditActor.Worker(Correlation());
    }

    /// <summary>The signed-in person of <paramref name="user"/>, or null when nobody is signed in.</summary>
    public static AuditActor? FromUser(ClaimsPrincipal user, AuditSource source, string? correlation) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? AuditActor.User(id, user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name, source, correlation)
            : null;

    private static string Correlation() => System.Diagnostics.Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString("N");
}
