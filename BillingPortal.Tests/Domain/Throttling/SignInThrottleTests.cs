using BillingPortal.Domain.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace BillingPortal.Tests.Domain.Throttling;

/// <summary>Defaults: 20 failures per client per 5 minutes; 5 per address per 15 minutes from clients that are not known devices.</summary>
public sealed class SignInThrottleTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 14, 30, 0, TimeSpan.Zero));
    private readonly SignInThrottle throttle;

    public SignInThrottleTests() => throttle = new SignInThrottle(SignInLimits.Default, clock);

    [Fact]
    public void Strangers_AreThrottledOnAnAddressAfterFiveFailures_ButAKnownDeviceIsNot()
    {
        for (var i = 0; i < 5; i++)
            Assert.False(throttle.Begin($"10.0.0.{i}", "owner@acme.test", knownDevice: false).IsThrottled);

        var stranger = throttle.Begin("10.0.0.99", "owner@acme.test", knownDevice: false);
        var owner = throttle.Begin("10.0.1.1", "owner@acme.test", knownDevice: true);

        Assert.Equal(TimeSpan.FromMinutes(3), stranger.RetryAfter);
        Assert.False(owner.IsThrottled);
    }

    [Fact]
    public void TheAddressLimit_IgnoresCase_AndDoesNotChargeTheRefusedClient()
    {
        for (var i = 0; i < 5; i++)
            throttle.Begin("10.0.0.1", "Owner@Acme.TEST", knownDevice: false);

        Assert.True(throttle.Begin("10.0.0.2", " owner@acme.test", knownDevice: false).IsThrottled);
        // 10.0.0.2 was refused without trying a password, so its own allowance of 20 is untouched.
        for (var i = 0; i < 20; i++)
            Assert.False(throttle.Begin("10.0.0.2", $"user{i}@example.test", knownDevice: false).IsThrottled);
        Assert.True(throttle.Begin("10.0.0.2", "user99@example.test", knownDevice: false).IsThrottled);
    }

    [Fact]
    public void OneClient_IsThrottledAfterTwentyFailuresAcrossAddresses_EvenOnKnownDevices()
    {
        for (var i = 0; i < 20; i++)
            Assert.False(throttle.Begin("10.0.0.1", $"user{i}@example.test", knownDevice: true).IsThrottled);

        var next = throttle.Begin("10.0.0.1", "owner@acme.test", knownDevice: true);

        Assert.Equal(TimeSpan.FromSeconds(15), next.RetryAfter);
        Assert.False(throttle.Begin("10.0.0.2", "owner@acme.test", knownDevice: false).IsThrottled);
    }

    [Fact]
    public void AnAddressThrottle_EndsAsTheWindowPasses()
    {
        for (var i = 0; i < 5; i++)
            throttle.Begin($"10.0.0.{i}", "owner@acme.test", knownDevice: false);

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(TimeSpan.FromMinutes(1), throttle.Begin("10.0.0.9", "owner@acme.test", false).RetryAfter);
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False(throttle.Begin("10.0.0.9", "owner@acme.test", false).IsThrottled);
        Assert.True(throttle.Begin("10.0.0.10", "owner@acme.test", false).IsThrottled);
    }

    [Fact]
    public void ASuccessfulAttempt_IsNotCountedAsAFailure()
    {
        for (var i = 0; i < 10; i++)
            throttle.Succeeded(throttle.Begin("10.0.0.1", "owner@acme.test", knownDevice: false));

        for (var i = 0; i < 5; i++)
            Assert.False(throttle.Begin("10.0.0.1", "owner@acme.test", knownDevice: false).IsThrottled);
        Assert.True(throttle.Begin("10.0.0.1", "owner@acme.test", knownDevice: false).IsThrottled);
    }
}
