using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace BillingPortal.Hosting;

/// <summary>
/// An endpoint's body cap, as the metadata ASP.NET Core's endpoint routing already applies to Kestrel's
/// per-request limit; <see cref="RequestBodyLimitsHosting"/> adds the early 413 and the cap on servers without that limit.
/// </summary>
public sealed class RequestBodyLimit(long maxBytes) : IRequestSizeLimitMetadata
{
    public long? MaxRequestBodySize { get; } = maxBytes;
}

public static class RequestBodyLimitConventions
{
    /// <summary>Caps the endpoint's body at the configured size <paramref name="cap"/> picks from <see cref="RequestLimitsOptions"/>.</summary>
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, Func<RequestLimitsOptions, long> cap)
        where TBuilder : IEndpointConventionBuilder
    {
        // Conventions run when the endpoints are built, after the app is, so the bound options are there.
        builder.Add(endpoint => endpoint.Metadata.Add(new RequestBodyLimit(
            cap(endpoint.ApplicationServices.GetRequiredService<IOptions<RequestLimitsOptions>>().Value))));
        return builder;
    }
}
