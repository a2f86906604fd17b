using System.Net;
using BillingPortal.Tests.Infrastructure;
using static BillingPortal.Tests.Api.MeteringTesting;

namespace BillingPortal.Tests.Api.RateLimits;

/// <summary>The metering endpoints limit each API key; tiny limits here, refilled hourly so no test races a refill.</summary>
public sealed class MeteringRateLimitTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly RateLimitedAppFactory factory = new(
        ("RateLimits:Usage:Burst", "3"), ("RateLimits:Usage:TokensPerPeriod", "1"), ("RateLimits:Usage:Period", "01:00:00"),
        ("RateLimits:Authorize:Burst", "2"), ("RateLimits:Authorize:TokensPerPeriod", "1"), ("RateLimits:Authorize:Period", "01:00:00"));

    public ValueTask InitializeAsync()
    {
        _ = factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Usage_BeyondTheKeysLimit_Is429ProblemWithRetryAfter_RecordsNothing_AndOtherKeysGoOn()
    {
        var ws = await NewWorkspaceAsync(factory);
        var other = await NewWorkspaceAsync(factory);
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await ws.PostUsageAsync(Tool(factory, $"evt-{i}"))).StatusCode);
        var before = await SnapshotAsync(factory, ws.WorkspaceId);

        var refused = await ws.PostUsageAsync(Tool(factory, "evt-over"));

        await AssertTooManyRequestsAsync(refused, maxSeconds: 3600);
        Assert.Equal(before, await SnapshotAsync(factory, ws.WorkspaceId));
        Assert.Equal(HttpStatusCode.OK, (await other.PostUsageAsync(Tool(factory, "evt-other"))).StatusCode);
    }

    [Fact]
    public async Task Authorize_BeyondTheKeysLimit_Is429ProblemWithRetryAfter_AndOtherKeysGoOn()
    {
        var ws = await NewWorkspaceAsync(factory);
        var other = await NewWorkspaceAsync(factory);
        Assert.Equal(HttpStatusCode.OK, (await ws.AuthorizeAsync()).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ws.AuthorizeAsync()).StatusCode);

        await AssertTooManyRequestsAsync(await ws.AuthorizeAsync(), maxSeconds: 3600);
        Assert.Equal(HttpStatusCode.OK, (await other.AuthorizeAsync()).StatusCode);
    }

    internal static async Task AssertTooManyRequestsAsync(HttpResponseMessage response, int maxSeconds)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var seconds = Assert.Single(response.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), 1, maxSeconds);
        Assert.Contains("\"status\":429", await response.Content.ReadAsStringAsync(Ct));
    }
}
