using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using static BillingPortal.Tests.Api.MeteringTesting;

namespace BillingPortal.Tests.Api.RateLimits;

/// <summary>Default limit: 10 unknown or revoked keys per client address, then one every 6 seconds.</summary>
public sealed class ApiKeyGuessLimitTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly RateLimitedAppFactory factory = new();

    public ValueTask InitializeAsync()
    {
        _ = factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task EleventhBadKey_FromOneClient_Is429BeforeAnyLookup_WhileAnotherClientStillGets401()
    {
        var guesser = factory.ApiClientFrom("198.51.100.7");
        var good = await NewWorkspaceAsync(factory);
        for (var i = 0; i < 10; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await AuthorizeWithAsync(guesser, $"bp_live_guess{i:D27}")).StatusCode);

        var eleventh = await AuthorizeWithAsync(guesser, "bp_live_guess_eleven_000000000000000");
        // Even a real key is not looked at from that client now: the refusal comes before the lookup.
        var realKeyFromGuesser = await AuthorizeWithAsync(guesser, good.Secret);
        var elsewhere = await AuthorizeWithAsync(factory.ApiClientFrom("203.0.113.9"), "bp_live_guess_elsewhere_0000000000000");

        await MeteringRateLimitTests.AssertTooManyRequestsAsync(eleventh, maxSeconds: 6);
        Assert.Contains("Too many unknown or revoked API keys", await eleventh.Content.ReadAsStringAsync(Ct));
        await MeteringRateLimitTests.AssertTooManyRequestsAsync(realKeyFromGuesser, maxSeconds: 6);
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AuthorizeWithAsync(factory.ApiClientFrom("203.0.113.9"), good.Secret)).StatusCode);
    }

    [Fact]
    public async Task AThrottledClient_GetsOneMoreGuessEverySixSeconds()
    {
        var guesser = factory.ApiClientFrom("198.51.100.8");
        for (var i = 0; i < 10; i++)
            await AuthorizeWithAsync(guesser, $"bp_live_other{i:D27}");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AuthorizeWithAsync(guesser, "bp_live_x")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromSeconds(6));

        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthorizeWithAsync(guesser, "bp_live_y")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await AuthorizeWithAsync(guesser, "bp_live_z")).StatusCode);
    }

    private static async Task<HttpResponseMessage> AuthorizeWithAsync(HttpClient client, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs/authorize") { Content = JsonContent.Create(new { agent = "support-bot" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return await client.SendAsync(request, Ct);
    }
}
