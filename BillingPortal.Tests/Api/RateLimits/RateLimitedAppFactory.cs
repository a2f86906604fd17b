using System.Net;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace BillingPortal.Tests.Api.RateLimits;

/// <summary>
/// The app with some <c>RateLimits</c> settings overridden, and clients that come from chosen addresses: the in-process
/// test server has no connection address, so a test-only header sets it (the app itself never reads such a header).
/// </summary>
public sealed class RateLimitedAppFactory(params (string Key, string Value)[] settings) : BillingAppFactory
{
    private const string AddressHeader = "X-Test-Client-Address";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in settings)
            builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());
    }

    /// <summary>A cookie-keeping, non-redirecting client whose requests come from <paramref name="address"/>.</summary>
    public HttpClient BrowserFrom(string address)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    /// <summary>A plain API client whose requests come from <paramref name="address"/>.</summary>
    public HttpClient ApiClientFrom(string address)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add(AddressHeader, address);
        return client;
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader], out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
