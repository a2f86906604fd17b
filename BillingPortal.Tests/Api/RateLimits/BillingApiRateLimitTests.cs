using System.Net;
using System.Net.Http.Headers;
using BillingPortal.Domain.Tokens;
using static BillingPortal.Tests.Api.BillingApi.TokenTesting;

namespace BillingPortal.Tests.Api.RateLimits;

/// <summary>The billing API's limits: a token bucket per token, and bad tokens counted per client with the metering keys'.</summary>
public sealed class BillingApiRateLimitTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly RateLimitedAppFactory factory = new(("RateLimits:BillingApi:Burst", "3"), ("RateLimits:BillingApi:TokensPerPeriod", "1"));

    public ValueTask InitializeAsync()
    {
        _ = factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task ATokenPastItsBurst_Gets429WithRetryAfter_WhileAnotherTokenIsServed()
    {
        var acme = await AcmeAsync(factory);
        var busy = Client(factory, await CreateAsync(factory, "finance@acme.test", acme, TokenScope.BillingRead));
        var other = Client(factory, await CreateAsync(factory, "owner@acme.test", acme, TokenScope.BillingRead));
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/billing/cards", Ct)).StatusCode);

        var refused = await busy.GetAsync("/api/v1/billing/cards", Ct);

        await MeteringRateLimitTests.AssertTooManyRequestsAsync(refused, maxSeconds: 1);
        Assert.Contains("This token is sending requests faster", await refused.Content.ReadAsStringAsync(Ct));
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/v1/billing/cards", Ct)).StatusCode);
    }

    [Fact]
    public async Task TheEleventhBadToken_FromOneClient_Is429_AndUnknownMeteringKeysCountToo()
    {
        var guesser = factory.ApiClientFrom("198.51.100.20");
        for (var i = 0; i < 10; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/billing/status");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", $"bp_pat_guess{i:D28}");
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.SendAsync(request, Ct)).StatusCode);
        }

        using var eleventh = new HttpRequestMessage(HttpMethod.Get, "/api/v1/billing/status");
        eleventh.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "bp_pat_guess_eleven_00000000000000000");
        var refused = await guesser.SendAsync(eleventh, Ct);

        await MeteringRateLimitTests.AssertTooManyRequestsAsync(refused, maxSeconds: 6);
        Assert.Contains("Too many unknown, revoked or expired tokens", await refused.Content.ReadAsStringAsync(Ct));
    }
}
