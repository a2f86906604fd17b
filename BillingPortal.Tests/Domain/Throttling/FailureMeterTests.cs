using BillingPortal.Domain.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace BillingPortal.Tests.Domain.Throttling;

public sealed class FailureMeterTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 10, 14, 30, 0, TimeSpan.Zero));
    private DateTimeOffset Now => clock.GetUtcNow();

    [Fact]
    public void Fail_UpToTheAllowance_ThenWaitsOneRefill_AndTheWaitShrinksAsTimePasses()
    {
        var meter = new FailureMeter(new FailureLimit(3, TimeSpan.FromSeconds(30)));

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(meter.RetryAfter("a", Now));
            meter.Fail("a", Now);
        }

        Assert.Equal(TimeSpan.FromSeconds(10), meter.RetryAfter("a", Now));
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.FromSeconds(6), meter.RetryAfter("a", Now));
        clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Null(meter.RetryAfter("a", Now));
        meter.Fail("a", Now);
        Assert.Equal(TimeSpan.FromSeconds(10), meter.RetryAfter("a", Now));
    }

    [Fact]
    public void AfterTheWholeWindow_TheFullAllowanceIsBack()
    {
        var meter = new FailureMeter(new FailureLimit(3, TimeSpan.FromSeconds(30)));
        for (var i = 0; i < 10; i++)
            meter.Fail("a", Now);

        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Null(meter.TryTake("a", Now));
        Assert.Null(meter.TryTake("a", Now));
        Assert.Null(meter.TryTake("a", Now));
        Assert.NotNull(meter.TryTake("a", Now));
    }

    [Fact]
    public void TryTake_ReservesUntilGivenBack_AndKeysAreCountedApart()
    {
        var meter = new FailureMeter(new FailureLimit(2, TimeSpan.FromMinutes(1)));

        Assert.Null(meter.TryTake("a", Now));
        Assert.Null(meter.TryTake("a", Now));
        Assert.Equal(TimeSpan.FromSeconds(30), meter.TryTake("a", Now));
        Assert.Null(meter.TryTake("b", Now));

        meter.GiveBack("a", Now);

        Assert.Null(meter.TryTake("a", Now));
        Assert.NotNull(meter.TryTake("a", Now));
    }

    [Fact]
    public void ManyKeys_ThoseWithNothingCountedAreForgotten()
    {
        var meter = new FailureMeter(new FailureLimit(2, TimeSpan.FromMinutes(1)), maxKeys: 2);
        meter.Fail("a", Now);
        meter.Fail("b", Now);
        clock.Advance(TimeSpan.FromMinutes(1));

        meter.Fail("c", Now);

        Assert.Equal(1, meter.TrackedKeys);
    }
}
