using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace BillingPortal.Hosting;

/// <summary>
/// Per-endpoint request body caps (<see cref="RequestLimitsOptions"/>): a declared body over the cap is refused with a
/// 413 problem before a byte of it is read; a body without Content-Length is cut off at the cap while it is read.
/// </summary>
public static class RequestBodyLimitsHosting
{
    public static WebApplicationBuilder AddRequestBodyLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RequestLimitsOptions>().BindConfiguration(RequestLimitsOptions.Section)
            .Validate(o => o.IsValid, "Every RequestLimits:*Bytes setting must be a positive number of bytes.").ValidateOnStart();
        return builder;
    }

    /// <summary>After <c>UseRouting</c>, so the matched endpoint's cap is known.</summary>
    public static WebApplication UseRequestBodyLimits(this WebApplication app)
    {
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        return app;
    }
}

internal sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<RequestLimitsOptions> options, ILogger<RequestBodyLimitMiddleware> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (CapFor(context) is not { } cap)
        {
            await next(context);
            return;
        }
        if (context.Request.ContentLength > cap)
        {
            log.LogWarning("Refused a {Length}-byte body for {Endpoint} (cap {Cap} bytes) before reading it",
                context.Request.ContentLength, context.GetEndpoint()?.DisplayName, cap);
            await RefuseAsync(context, cap);
            return;
        }

        // Kestrel stops reading at its per-request limit (endpoint routing already set it from IRequestSizeLimitMetadata;
        // this also covers the default). A server without one (the test server) gets a counting body instead.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
            server.MaxRequestBodySize = cap;
        else
            context.Request.Body = new CappedRequestBody(context.Request.Body, cap);

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            log.LogWarning("Refused a body over {Cap} bytes for {Endpoint} while reading it", cap, context.GetEndpoint()?.DisplayName);
            await RefuseAsync(context, cap);
            return;
        }
        // Minimal API binding answers a body over Kestrel's limit with a bare 413; give it the same problem.
        if (context.Response is { HasStarted: false, StatusCode: StatusCodes.Status413PayloadTooLarge })
            await RefuseAsync(context, cap);
    }

    /// <summary>The matched endpoint's cap, the default without one; null for no cap (upgrades, or metadata that lifts it).</summary>
    private long? CapFor(HttpContext context)
    {
        // A WebSocket's traffic (the Blazor circuit) is not a request body; Kestrel leaves upgraded connections unlimited too.
        if (context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true
            || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true
            || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == false)
            return null;
        return context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } endpointCap
            ? endpointCap.MaxRequestBodySize
            : options.Value.DefaultBytes;
    }

    private static Task RefuseAsync(HttpContext context, long cap)
    {
        context.Response.Headers.ContentLength = null;
        return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large",
                detail: $"Request body too large: at most {cap} bytes for this endpoint.",
                extensions: new Dictionary<string, object?> { ["maxBytes"] = cap })
            .ExecuteAsync(context);
    }
}
