using System.Net;
using BillingPortal.Hosting;
using BillingPortal.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;

namespace BillingPortal.Tests.Hosting;

/// <summary>
/// The client address the limits count, behind a proxy: taken from X-Forwarded-For only when enabled, and only from a
/// trusted proxy (loopback, or one configured).
/// </summary>
public sealed class ForwardedHeadersTests
{
    private static readonly IPAddress Loopback = IPAddress.Loopback;
    private static readonly IPAddress Stranger = IPAddress.Parse("198.51.100.9");

    [Fact]
    public async Task Enabled_ARequestThroughTheLocalProxy_CountsAsTheForwardedClient()
    {
        await using var app = await StartAsync(new() { ["ForwardedHeaders:Enabled"] = "true" });

        Assert.Equal("203.0.113.7", await ClientAsync(app, Loopback, forwardedFor: "203.0.113.7"));
        Assert.Equal("http", await ClientAsync(app, Loopback, forwardedFor: "203.0.113.7", path: "/scheme", forwardedProto: "http"));
        Assert.Equal("https", await ClientAsync(app, Loopback, forwardedFor: "203.0.113.7", path: "/scheme", forwardedProto: "https"));
    }

    [Fact]
    public async Task Enabled_AClientTalkingToTheAppDirectly_CannotChooseItsAddress()
    {
        await using var app = await StartAsync(new() { ["ForwardedHeaders:Enabled"] = "true" });

        Assert.Equal(Stranger.ToString(), await ClientAsync(app, Stranger, forwardedFor: "203.0.113.7"));
    }

    [Fact]
    public async Task Enabled_AConfiguredProxy_IsTrustedToo()
    {
        await using var app = await StartAsync(new()
        {
            ["ForwardedHeaders:Enabled"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = Stranger.ToString(),
        });

        Assert.Equal("203.0.113.7", await ClientAsync(app, Stranger, forwardedFor: "203.0.113.7"));
    }

    [Fact]
    public async Task Disabled_TheHeaderIsIgnored()
    {
        await using var app = await StartAsync(new());

        Assert.Equal("127.0.0.1", await ClientAsync(app, Loopback, forwardedFor: "203.0.113.7"));
    }

    private static async Task<WebApplication> StartAsync(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddForwardedHeaders();
        var app = builder.Build();
        app.UseForwardedHeadersWhenEnabled();
        app.MapGet("/client", (HttpContext context) => ClientAddress.Of(context));
        app.MapGet("/scheme", (HttpContext context) => context.Request.Scheme);
        await app.StartAsync(TestContext.Current.CancellationToken);
        return app;
    }

    private static async Task<string> ClientAsync(WebApplication app, IPAddress from, string forwardedFor, string path = "/client", string? forwardedProto = null)
    {
        var context = await app.GetTestServer().SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = from;
            c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            if (forwardedProto is not null)
                c.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        }, TestContext.Current.CancellationToken);
        return await new StreamReader(context.Response.Body).ReadToEndAsync(TestContext.Current.CancellationToken);
    }
}
