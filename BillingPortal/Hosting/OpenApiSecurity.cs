using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace BillingPortal.Hosting;

/// <summary>
/// Declares how each API is signed in to, so generated clients know what to send: the metering API (<c>/api/v1</c>)
/// takes a workspace API key as a bearer token; the billing API (<c>/api/v1/billing</c>) a person's token; the workspace billing APIs (<c>/api/workspaces</c>) take the
/// browser's sign-in cookie, as the pages do.
/// </summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public const string ApiKey = "apiKey";
    public const string Cookie = "cookie";
    public const string PersonalToken = "personalToken";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKey] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A workspace API key (bp_live_…), created on the API keys page: Authorization: Bearer <key>.",
        };
        document.Components.SecuritySchemes[PersonalToken] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal access token (bp_pat_…), created on the Personal tokens page, with the scope billing:read "
                + "or billing:manage: Authorization: Bearer <token>. It never does more than its owner may do in its workspace now.",
        };
        document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = ".AspNetCore.Identity.Application",
            Description = "The sign-in cookie of a workspace member with billing:read.",
        };
        foreach (var (path, item) in document.Paths)
        {
            if (SchemeFor(path) is not { } scheme || item.Operations is null)
                continue;
            foreach (var operation in item.Operations.Values)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] });
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>The scheme an API path is signed in with, or null for a path outside the APIs.</summary>
    internal static string? SchemeFor(string path) =>
        path.StartsWith("/api/v1/billing/", StringComparison.Ordinal) ? PersonalToken
        : path.StartsWith("/api/v1/", StringComparison.Ordinal) ? ApiKey
        : path.StartsWith("/api/", StringComparison.Ordinal) ? Cookie
        : null;
}
