using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace BillingPortal.Hosting;

/// <summary>
/// Behind a reverse proxy or load balancer (nginx in scripts/cluster.sh) every connection comes from the proxy, so
/// the sign-in throttle and the API-key failure limit would count all clients as one. With
/// <c>ForwardedHeaders:Enabled=true</c> the app takes the client's address and scheme from <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c>, but only from loopback and the addresses in <c>ForwardedHeaders:KnownProxies</c>: a
/// client talking to the app directly cannot choose the address it is counted as. Off by default.
/// </summary>
public static class ForwardedHeadersHosting
{
    public const string Section = "ForwardedHeaders";

    public static WebApplicationBuilder AddForwardedHeaders(this WebApplicationBuilder builder)
    {
        if (!IsEnabled(builder.Configuration))
            return builder;
        var proxies = builder.Configuration.GetSection($"{Section}:KnownProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Loopback stays trusted (the default); the Host header is not taken from the proxy.
            foreach (var proxy in proxies)
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"{Section}:KnownProxies has '{proxy}', which is not an IP address."));
        });
        return builder;
    }

    /// <summary>First in the pipeline, so everything after it sees the client's address.</summary>
    public static WebApplication UseForwardedHeadersWhenEnabled(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
            app.UseForwardedHeaders();
        return app;
    }

    private static bool IsEnabled(IConfiguration configuration) => configuration.GetValue<bool>($"{Section}:Enabled");
}
