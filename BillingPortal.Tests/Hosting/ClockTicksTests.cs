using BillingPortal.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace BillingPortal.Tests.Hosting;

/// <summary>
/// No sleeps: a wait on a <see cref="FakeTimeProvider"/> can only complete when the test moves the clock, so "not yet"
/// is read straight from the task.
/// </summary>
public sealed class ClockTicksTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AfterTheClockJumpsAMonth_TheNextWaitStillTakesAWholeInterval()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 14, 30, 0, TimeSpan.Zero));
        using var stop = new CancellationTokenSource();

        var first = ClockTicks.WaitAsync(clock, Interval, stop.Token);
        clock.Advance(TimeSpan.FromDays(30)); // 86,400 intervals skipped
        Assert.True(await first);

        // A PeriodicTimer would owe the 86,399 skipped ticks and complete at once; this wait counts from the new now.
        var second = ClockTicks.WaitAsync(clock, Interval, stop.Token);
        Assert.False(second.IsCompleted);
        clock.Advance(Interval - TimeSpan.FromTicks(1));
        Assert.False(second.IsCompleted);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(await second);
    }

    [Fact]
    public async Task AStoppingHost_EndsTheWait_WithFalse()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 14, 30, 0, TimeSpan.Zero));
        using var stop = new CancellationTokenSource();
        var wait = ClockTicks.WaitAsync(clock, Interval, stop.Token);

        await stop.CancelAsync();

        Assert.False(await wait);
    }
}
