using Microsoft.AspNetCore.Antiforgery;

namespace BillingPortal.Components.Account;

/// <summary>
/// The account endpoints check the antiforgery token themselves and answer a missing or stale one with a 400
/// problem+json. The framework's own check only covers endpoints that bind <c>[FromForm]</c> parameters (so
/// DownloadPersonalData went unchecked) and it throws an exception, which Production turns into a 500.
/// </summary>
internal static class AntiforgeryRequired
{
    public static TBuilder RequireAntiforgeryToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.DisableAntiforgery().AddEndpointFilter(async (invocation, next) =>
        {
            var http = invocation.HttpContext;
            if (await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
                return await next(invocation);
            return TypedResults.Problem(
                title: "The form has expired or did not come from this site.",
                detail: "Reload the page and try again.",
                statusCode: StatusCodes.Status400BadRequest);
        });
}
