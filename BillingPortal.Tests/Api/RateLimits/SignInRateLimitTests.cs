using System.Net;
using BillingPortal.Data;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace BillingPortal.Tests.Api.RateLimits;

/// <summary>
/// Defaults: 5 wrong sign-ins per address per 15 minutes from clients that are not known devices of it, and
/// 20 per client per 5 minutes. Each test uses its own addresses and clients.
/// </summary>
public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private const string Password = "Demo!2345";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly RateLimitedAppFactory factory = new();

    public ValueTask InitializeAsync()
    {
        _ = factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task StrangerHammeringTheOwnersAddress_Gets429_WhileTheOwnersOwnBrowserStillSignsIn()
    {
        var owner = factory.BrowserFrom("203.0.113.20");
        Assert.Equal(HttpStatusCode.Redirect, (await BillingAppFactory.PostLoginAsync(owner, "owner@acme.test", Password)).StatusCode);
        var stranger = factory.BrowserFrom("198.51.100.7");

        for (var i = 0; i < 5; i++)
        {
            var wrong = await BillingAppFactory.PostLoginAsync(stranger, "owner@acme.test", $"Guess!{i}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Invalid login attempt", await wrong.Content.ReadAsStringAsync(Ct));
        }
        var throttled = await BillingAppFactory.PostLoginAsync(stranger, "owner@acme.test", "Guess!6");
        // Throttled means not checked: even the right password is refused for now.
        var rightButThrottled = await BillingAppFactory.PostLoginAsync(stranger, "owner@acme.test", Password);
        var ownerAgain = await BillingAppFactory.PostLoginAsync(owner, "owner@acme.test", Password);

        await AssertThrottledAsync(throttled, "Try again in 3 minutes.");
        await AssertThrottledAsync(rightButThrottled, "Try again in 3 minutes.");
        Assert.Equal(HttpStatusCode.Redirect, ownerAgain.StatusCode);
        Assert.DoesNotContain("Lockout", ownerAgain.Headers.Location?.OriginalString ?? "");
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        Assert.False(await users.IsLockedOutAsync((await users.FindByEmailAsync("owner@acme.test"))!));
    }

    [Fact]
    public async Task ANewDevice_WaitsWithTheStrangers_UntilTheAddressEarnsAnAttemptBack()
    {
        var stranger = factory.BrowserFrom("198.51.100.8");
        for (var i = 0; i < 5; i++)
            await BillingAppFactory.PostLoginAsync(stranger, "admin@acme.test", $"Guess!{i}");
        var newDevice = factory.BrowserFrom("192.0.2.50");

        await AssertThrottledAsync(await BillingAppFactory.PostLoginAsync(newDevice, "admin@acme.test", Password), "Try again in 3 minutes.");
        factory.Clock.Advance(TimeSpan.FromMinutes(3));

        Assert.Equal(HttpStatusCode.Redirect, (await BillingAppFactory.PostLoginAsync(newDevice, "admin@acme.test", Password)).StatusCode);
    }

    [Fact]
    public async Task AnUnknownAddress_IsThrottledAfterTheSameNumberOfAttempts_WithTheSameAnswer()
    {
        var known = await FailSixTimesAsync(factory.BrowserFrom("198.51.100.21"), "finance@acme.test");
        var unknown = await FailSixTimesAsync(factory.BrowserFrom("198.51.100.22"), "nobody.here@acme.test");

        Assert.Equal(known.Statuses, unknown.Statuses);
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests], known.Statuses);
        Assert.Equal(known.RetryAfter, unknown.RetryAfter);
        await AssertThrottledAsync(unknown.Last, "Try again in 3 minutes.");
    }

    [Fact]
    public async Task OneClient_TryingManyAddresses_IsThrottledAfterTwenty_AndOtherClientsAreNot()
    {
        var sprayer = factory.BrowserFrom("198.51.100.30");
        for (var i = 0; i < 20; i++)
            Assert.Equal(HttpStatusCode.OK, (await BillingAppFactory.PostLoginAsync(sprayer, $"spray{i}@example.test", "Guess!1")).StatusCode);

        await AssertThrottledAsync(await BillingAppFactory.PostLoginAsync(sprayer, "spray20@example.test", "Guess!1"), "Try again in 1 minute.");
        var other = await BillingAppFactory.PostLoginAsync(factory.BrowserFrom("198.51.100.31"), "spray20@example.test", "Guess!1");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    private static async Task<(List<HttpStatusCode> Statuses, string? RetryAfter, HttpResponseMessage Last)> FailSixTimesAsync(HttpClient client, string email)
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await BillingAppFactory.PostLoginAsync(client, email, $"Guess!{i}");
            statuses.Add(last.StatusCode);
        }
        return (statuses, last.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), last);
    }

    private static async Task AssertThrottledAsync(HttpResponseMessage response, string wait)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
        Assert.Contains("Too many sign-in attempts. " + wait, page);
        Assert.DoesNotContain("Invalid login attempt", page);
    }
}
