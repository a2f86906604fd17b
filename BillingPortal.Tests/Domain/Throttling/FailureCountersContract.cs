using BillingPortal.Domain.Throttling;
using Microsoft.Extensions.Time.Testing;

namespace BillingPortal.Tests.Domain.Throttling;

/// <summary>
/// What every <see cref="IFailureCounters"/> store must do, run against the in-memory meter here and against the
/// database (SQLite and PostgreSQL) in <c>Data/DatabaseFailureCountersTests</c>, so the SQL agrees with the rule.
/// </summary>
public abstract class FailureCountersContract : IAsyncLifetime
{
    protected static CancellationToken Ct => TestContext.Current.CancellationToken;
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 10, 14, 30, 0, TimeSpan.Zero));
    protected IFailureCounters Counters { get; private set; } = null!;

    protected abstract Task<IFailureCounters> CreateAsync();

    public virtual async ValueTask InitializeAsync() => Counters = await CreateAsync();

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Fail_UpToTheAllowance_ThenWaitsOneRefill_AndTheWaitShrinksAsTimePasses()
    {
        var limit = new FailureLimit(3, TimeSpan.FromSeconds(30));

        for (var i = 0; i < 3; i++)
        {
            Assert.Null(await Counters.RetryAfterAsync("a", limit, Ct));
            await Counters.FailAsync("a", limit, Ct);
        }

        Assert.Equal(TimeSpan.FromSeconds(10), await Counters.RetryAfterAsync("a", limit, Ct));
        Clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(TimeSpan.FromSeconds(6), await Counters.RetryAfterAsync("a", limit, Ct));
        Clock.Advance(TimeSpan.FromSeconds(6));
        Assert.Null(await Counters.RetryAfterAsync("a", limit, Ct));
        await Counters.FailAsync("a", limit, Ct);
        Assert.Equal(TimeSpan.FromSeconds(10), await Counters.RetryAfterAsync("a", limit, Ct));
    }

    [Fact]
    public async Task AfterTheWholeWindow_TheFullAllowanceIsBack()
    {
        var limit = new FailureLimit(3, TimeSpan.FromSeconds(30));
        for (var i = 0; i < 10; i++)
            await Counters.FailAsync("a", limit, Ct);

        Clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Null(await Counters.TryTakeAsync("a", limit, Ct));
        Assert.Null(await Counters.TryTakeAsync("a", limit, Ct));
        Assert.Null(await Counters.TryTakeAsync("a", limit, Ct));
        Assert.NotNull(await Counters.TryTakeAsync("a", limit, Ct));
    }

    [Fact]
    public async Task TryTake_ReservesUntilGivenBack_AndKeysAreCountedApart()
    {
        var limit = new FailureLimit(2, TimeSpan.FromMinutes(1));

        Assert.Null(await Counters.TryTakeAsync("a", limit, Ct));
        Assert.Null(await Counters.TryTakeAsync("a", limit, Ct));
        Assert.Equal(TimeSpan.FromSeconds(30), await Counters.TryTakeAsync("a", limit, Ct));
        Assert.Null(await Counters.TryTakeAsync("b", limit, Ct));

        await Counters.GiveBackAsync("a", limit, Ct);

        Assert.Null(await Counters.TryTakeAsync("a", limit, Ct));
        Assert.NotNull(await Counters.TryTakeAsync("a", limit, Ct));
    }

    [Fact]
    public async Task TwentyParallelFailures_CountExactlyTwenty()
    {
        var limit = new FailureLimit(100, TimeSpan.FromSeconds(100)); // one per second back; the clock stands still
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var failures = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            await Counters.FailAsync("parallel", limit, Ct);
        }, Ct)).ToList();
        start.SetResult();
        await Task.WhenAll(failures);

        // 20 counted: 80 more fit, the 81st waits one refill.
        for (var i = 0; i < 80; i++)
            Assert.Null(await Counters.TryTakeAsync("parallel", limit, Ct));
        Assert.Equal(TimeSpan.FromSeconds(1), await Counters.TryTakeAsync("parallel", limit, Ct));
    }

    [Fact]
    public async Task ParallelReservations_NeverExceedTheAllowance()
    {
        var limit = new FailureLimit(5, TimeSpan.FromMinutes(15));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var takes = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await start.Task;
            return await Counters.TryTakeAsync("address", limit, Ct);
        }, Ct)).ToList();
        start.SetResult();
        var answers = await Task.WhenAll(takes);

        Assert.Equal(5, answers.Count(wait => wait is null));
    }
}

public sealed class FailureMeterTests : FailureCountersContract
{
    private FailureMeter meter = null!;

    protected override Task<IFailureCounters> CreateAsync() => Task.FromResult<IFailureCounters>(meter = new FailureMeter(Clock, maxKeys: 2));

    [Fact]
    public async Task ManyKeys_ThoseWithNothingCountedAreForgotten()
    {
        var limit = new FailureLimit(2, TimeSpan.FromMinutes(1));
        await meter.FailAsync("a", limit, Ct);
        await meter.FailAsync("b", limit, Ct);
        Clock.Advance(TimeSpan.FromMinutes(1));

        await meter.FailAsync("c", limit, Ct);

        Assert.Equal(1, meter.TrackedKeys);
    }
}
