using System.Diagnostics;
using BillingPortal.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace BillingPortal.Tests.Hosting;

public sealed class ClockTicksTests
{
    [Fact]
    public async Task AClockJumpingAMonth_WakesTheWorkerOnce_NotOncePerSkippedInterval()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 14, 30, 0, TimeSpan.Zero));
        using var stop = new CancellationTokenSource();
        var ticks = 0;
        var loop = Loop();

        clock.Advance(TimeSpan.FromDays(30)); // 86,400 intervals of 30 s
        await WaitForAsync(() => Volatile.Read(ref ticks) >= 1);
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.Equal(1, Volatile.Read(ref ticks));

        clock.Advance(TimeSpan.FromSeconds(30));
        await WaitForAsync(() => Volatile.Read(ref ticks) >= 2);
        Assert.Equal(2, Volatile.Read(ref ticks));

        await stop.CancelAsync();
        await loop; // a stopping host ends the loop instead of throwing
        Assert.Equal(2, ticks);

        async Task Loop()
        {
            while (await ClockTicks.WaitAsync(clock, TimeSpan.FromSeconds(30), stop.Token))
                Interlocked.Increment(ref ticks);
        }
    }

    [Fact]
    public async Task BeforeTheIntervalHasPassed_NothingTicks()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 14, 30, 0, TimeSpan.Zero));
        using var stop = new CancellationTokenSource();
        var wait = ClockTicks.WaitAsync(clock, TimeSpan.FromSeconds(30), stop.Token);

        clock.Advance(TimeSpan.FromSeconds(29));
        await Task.Delay(100, TestContext.Current.CancellationToken);
        Assert.False(wait.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await wait);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!condition() && waited.Elapsed < TimeSpan.FromSeconds(10))
            await Task.Delay(10, TestContext.Current.CancellationToken);
    }
}
