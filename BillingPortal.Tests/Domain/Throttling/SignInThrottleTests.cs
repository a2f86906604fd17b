using BillingPortal.Domain.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace BillingPortal.Tests.Domain.Throttling;

/// <summary>Defaults: 20 failures per client per 5 minutes; 5 per address per 15 minutes from clients that are not known devices.</summary>
public sealed class SignInThrottleTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 14, 30, 0, TimeSpan.Zero));
    private readonly SignInThrottle throttle;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public SignInThrottleTests() => throttle = new SignInThrottle(SignInLimits.Default, new FailureMeter(clock));

    [Fact]
    public async Task Strangers_AreThrottledOnAnAddressAfterFiveFailures_ButAKnownDeviceIsNot()
    {
        for (var i = 0; i < 5; i++)
            Assert.False((await throttle.BeginAsync($"10.0.0.{i}", "owner@acme.test", knownDevice: false, Ct)).IsThrottled);

        var stranger = await throttle.BeginAsync("10.0.0.99", "owner@acme.test", knownDevice: false, Ct);
        var owner = await throttle.BeginAsync("10.0.1.1", "owner@acme.test", knownDevice: true, Ct);

        Assert.Equal(TimeSpan.FromMinutes(3), stranger.RetryAfter);
        Assert.False(owner.IsThrottled);
    }

    [Fact]
    public async Task TheAddressLimit_IgnoresCase_AndDoesNotChargeTheRefusedClient()
    {
        for (var i = 0; i < 5; i++)
            await throttle.BeginAsync("10.0.0.1", "Owner@Acme.TEST", knownDevice: false, Ct);

        Assert.True((await throttle.BeginAsync("10.0.0.2", " owner@acme.test", knownDevice: false, Ct)).IsThrottled);
        // 10.0.0.2 was refused without trying a password, so its own allowance of 20 is untouched.
        for (var i = 0; i < 20; i++)
            Assert.False((await throttle.BeginAsync("10.0.0.2", $"user{i}@example.test", knownDevice: false, Ct)).IsThrottled);
        Assert.True((await throttle.BeginAsync("10.0.0.2", "user99@example.test", knownDevice: false, Ct)).IsThrottled);
    }

    [Fact]
    public async Task OneClient_IsThrottledAfterTwentyFailuresAcrossAddresses_EvenOnKnownDevices()
    {
        for (var i = 0; i < 20; i++)
            Assert.False((await throttle.BeginAsync("10.0.0.1", $"user{i}@example.test", knownDevice: true, Ct)).IsThrottled);

        var next = await throttle.BeginAsync("10.0.0.1", "owner@acme.test", knownDevice: true, Ct);

        Assert.Equal(TimeSpan.FromSeconds(15), next.RetryAfter);
        Assert.False((await throttle.BeginAsync("10.0.0.2", "owner@acme.test", knownDevice: false, Ct)).IsThrottled);
    }

    [Fact]
    public async Task AnAddressThrottle_EndsAsTheWindowPasses()
    {
        for (var i = 0; i < 5; i++)
            await throttle.BeginAsync($"10.0.0.{i}", "owner@acme.test", knownDevice: false, Ct);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(TimeSpan.FromMinutes(1), (await throttle.BeginAsync("10.0.0.9", "owner@acme.test", false, Ct)).RetryAfter);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False((await throttle.BeginAsync("10.0.0.9", "owner@acme.test", false, Ct)).IsThrottled);
        Assert.True((await throttle.BeginAsync("10.0.0.10", "owner@acme.test", false, Ct)).IsThrottled);
    }

    [Fact]
    public async Task ASuccessfulAttempt_IsNotCountedAsAFailure()
    {
        for (var i = 0; i < 10; i++)
            await throttle.SucceededAsync(await throttle.BeginAsync("10.0.0.1", "owner@acme.test", knownDevice: false, Ct), Ct);

        for (var i = 0; i < 5; i++)
            Assert.False((await throttle.BeginAsync("10.0.0.1", "owner@acme.test", knownDevice: false, Ct)).IsThrottled);
        Assert.True((await throttle.BeginAsync("10.0.0.1", "owner@acme.test", knownDevice: false, Ct)).IsThrottled);
    }
}
