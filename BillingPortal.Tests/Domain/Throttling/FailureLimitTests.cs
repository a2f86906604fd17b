using BillingPortal.Domain.Throttling;

namespace BillingPortal.Tests.Domain.Throttling;

/// <summary>The rule every store counts by: an allowance of failures at once, earned back evenly over the window.</summary>
public sealed class FailureLimitTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 14, 30, 0, TimeSpan.Zero);
    private static readonly FailureLimit FivePerFifteenMinutes = new(5, TimeSpan.FromMinutes(15));

    [Fact]
    public void FiveFailuresAtOnce_AreAllowed_AndTheSixthWaitsOneRefill()
    {
        DateTimeOffset? clearsAt = null;
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(FivePerFifteenMinutes.Wait(clearsAt, Now));
            clearsAt = FivePerFifteenMinutes.AfterFailure(clearsAt, Now);
        }

        Assert.Equal(Now.AddMinutes(15), clearsAt);
        Assert.Equal(TimeSpan.FromMinutes(3), FivePerFifteenMinutes.Wait(clearsAt, Now));
    }

    [Fact]
    public void FailuresAreEarnedBackEvenly_OneEveryThreeMinutes()
    {
        var clearsAt = Now.AddMinutes(15); // five failures counted at Now

        Assert.Equal(TimeSpan.FromMinutes(1), FivePerFifteenMinutes.Wait(clearsAt, Now.AddMinutes(2)));
        Assert.Null(FivePerFifteenMinutes.Wait(clearsAt, Now.AddMinutes(3)));
        Assert.Null(FivePerFifteenMinutes.Wait(clearsAt, Now.AddMinutes(15)));
        // A failure after the key has cleared counts from nothing, not from the old instant.
        Assert.Equal(Now.AddMinutes(23), FivePerFifteenMinutes.AfterFailure(clearsAt, Now.AddMinutes(20)));
    }

    [Fact]
    public void FailuresBeyondTheAllowance_AreCappedAtIt_SoTheWaitNeverGrowsPastOneRefill()
    {
        var clearsAt = Now.AddMinutes(15);
        for (var i = 0; i < 100; i++)
            clearsAt = FivePerFifteenMinutes.AfterFailure(clearsAt, Now);

        Assert.Equal(Now.AddMinutes(15), clearsAt);
        Assert.Equal(TimeSpan.FromMinutes(3), FivePerFifteenMinutes.Wait(clearsAt, Now));
    }

    [Fact]
    public void AGiveBack_ReturnsOneAttempt_AndNeverGoesBelowNothing()
    {
        Assert.Equal(Now.AddMinutes(12), FivePerFifteenMinutes.AfterGiveBack(Now.AddMinutes(15), Now));
        Assert.Equal(Now, FivePerFifteenMinutes.AfterGiveBack(Now.AddMinutes(1), Now));
    }
}
