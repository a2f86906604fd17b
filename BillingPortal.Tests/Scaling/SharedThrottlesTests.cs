using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using BillingPortal.Tests.Api.RateLimits;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Scaling;

/// <summary>
/// Two app instances over one PostgreSQL database behind a round-robin balancer: an attacker alternating between them
/// gets the failure allowances once in total, not once per instance.
/// </summary>
public sealed class SharedThrottlesTests : IAsyncLifetime, IRunsOnPostgres
{
    private const string Password = "Demo!2345";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    // 20 unknown keys before the limit, so the parallel test has room for exactly twenty.
    private static readonly (string, string)[] Settings = [("RateLimits:ApiKeyFailures:Allowance", "20"), ("RateLimits:ApiKeyFailures:Window", "00:02:00")];
    private readonly RateLimitedAppFactory a = new(Settings);
    private RateLimitedAppFactory b = null!;

    public ValueTask InitializeAsync()
    {
        _ = a.Server;
        b = new RateLimitedAppFactory(Settings) { JoinDatabase = a.ConnectionString, SeedDemo = false };
        _ = b.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await b.DisposeAsync();
        await a.DisposeAsync();
    }

    [Fact]
    public async Task WrongPasswordsForOneAddress_AlternatingInstancesAndClients_AreRefusedAfterFiveInTotal()
    {
        for (var i = 0; i < 5; i++)
        {
            var instance = i % 2 == 0 ? a : b;
            var wrong = await BillingAppFactory.PostLoginAsync(instance.BrowserFrom($"198.51.100.{10 + i}"), "owner@acme.test", $"Guess!{i}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Invalid login attempt", await wrong.Content.ReadAsStringAsync(Ct));
        }

        // A has counted three here and B two: each alone would still allow more.
        var onA = await BillingAppFactory.PostLoginAsync(a.BrowserFrom("198.51.100.20"), "owner@acme.test", Password);
        var onB = await BillingAppFactory.PostLoginAsync(b.BrowserFrom("198.51.100.21"), "owner@acme.test", Password);

        await AssertSignInThrottledAsync(onA);
        await AssertSignInThrottledAsync(onB);
    }

    [Fact]
    public async Task TwentyParallelWrongSignInsFromOneClient_OverBothInstances_AreAllChecked_AndTheTwentyFirstIsRefused()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var attempts = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var client = (i % 2 == 0 ? a : b).BrowserFrom("203.0.113.77");
            var page = await client.GetStringAsync("/Account/Login", Ct);
            await start.Task;
            return await PostLoginFormAsync(client, page, $"spray{i}@example.test");
        }, Ct)).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(attempts);

        // Each instance saw ten; the client's allowance is twenty in total, all of them used, none lost.
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await AssertSignInThrottledAsync(await BillingAppFactory.PostLoginAsync(a.BrowserFrom("203.0.113.77"), "spray20@example.test", "Guess!1"));
        await AssertSignInThrottledAsync(await BillingAppFactory.PostLoginAsync(b.BrowserFrom("203.0.113.77"), "spray21@example.test", "Guess!1"));
    }

    [Fact]
    public async Task TwentyParallelUnknownApiKeys_OverBothInstances_CountExactlyTwenty_AndTheNextIsRefusedOnBoth()
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var guesses = Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var client = (i % 2 == 0 ? a : b).ApiClientFrom("198.51.100.99");
            await start.Task;
            return await AuthorizeWithAsync(client, $"bp_live_guess{i:D27}");
        }, Ct)).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(guesses);

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        var onA = await AuthorizeWithAsync(a.ApiClientFrom("198.51.100.99"), "bp_live_guess_twenty_one_00000000000");
        var onB = await AuthorizeWithAsync(b.ApiClientFrom("198.51.100.99"), "bp_live_guess_twenty_two_00000000000");
        // One guess back every 6 seconds (20 per 2 minutes).
        await MeteringRateLimitTests.AssertTooManyRequestsAsync(onA, maxSeconds: 6);
        await MeteringRateLimitTests.AssertTooManyRequestsAsync(onB, maxSeconds: 6);
        Assert.Equal(HttpStatusCode.Unauthorized, (await AuthorizeWithAsync(b.ApiClientFrom("198.51.100.100"), "bp_live_elsewhere")).StatusCode);
    }

    private static Task<HttpResponseMessage> PostLoginFormAsync(HttpClient client, string page, string email) =>
        client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BillingAppFactory.AntiforgeryToken(page),
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = "Guess!1",
        }), Ct);

    private static async Task AssertSignInThrottledAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Too many sign-in attempts.", page);
        Assert.DoesNotContain("Invalid login attempt", page);
    }

    private static async Task<HttpResponseMessage> AuthorizeWithAsync(HttpClient client, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/runs/authorize") { Content = JsonContent.Create(new { agent = "support-bot" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return await client.SendAsync(request, Ct);
    }
}
