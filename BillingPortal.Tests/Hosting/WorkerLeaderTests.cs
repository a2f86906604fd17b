using BillingPortal.Domain;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Subscriptions;
using BillingPortal.Hosting;
using BillingPortal.Tests.Features.Credits.AutoTopUp;
using BillingPortal.Tests.Features.Subscriptions;
using BillingPortal.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Hosting;

/// <summary>The background jobs run their sweeps only on the instance holding the job's lease.</summary>
public class WorkerLeaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static WorkerLeases OtherInstance(TestDatabase database) =>
        new(database.Factory, new WorkerInstance("other-instance"), database.Clock, NullLogger<WorkerLeases>.Instance);

    [Fact]
    public async Task BillingWorker_BillsNothingWhileAnotherInstanceLeads_AndTakesOverWhenThatLeaseExpires()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        f.Clock.Advance(TimeSpan.FromDays(31));
        var lease = new BillingWorkerOptions().Interval * WorkerLeases.IntervalsPerLease;
        Assert.True(await OtherInstance(f.Database).TryAcquireAsync(BillingWorker.LeaseName, lease, Ct));

        Assert.Null(await f.Worker.RunIfLeaderAsync(Ct));
        Assert.Empty(await f.InvoicesAsync(ws));

        f.Clock.Advance(lease); // the other instance died: it renews no more
        var pass = await f.Worker.RunIfLeaderAsync(Ct);

        Assert.Equal(1, pass?.PeriodsClosed);
        Assert.Single(await f.InvoicesAsync(ws));
        // The old leader, back from the dead, now stands by.
        Assert.False(await OtherInstance(f.Database).TryLeadAsync(BillingWorker.LeaseName, new BillingWorkerOptions().Interval, Ct));
    }

    [Fact]
    public async Task AutoTopUpSweep_RunsOnlyOnTheLeader()
    {
        await using var f = await AutoTopUpFixture.CreateAsync();
        var clock = f.Database.Clock;
        var other = OtherInstance(f.Database);
        Assert.True(await other.TryLeadAsync(AutoTopUpWorker.LeaseName, AutoTopUpWorker.Interval, Ct));

        Assert.Null(await f.Worker.RunIfLeaderAsync(clock.GetUtcNow(), Ct));

        await other.ReleaseAsync(AutoTopUpWorker.LeaseName, Ct); // a graceful stop hands over at once
        Assert.Equal(0, await f.Worker.RunIfLeaderAsync(clock.GetUtcNow(), Ct));
        Assert.False(await other.TryLeadAsync(AutoTopUpWorker.LeaseName, AutoTopUpWorker.Interval, Ct));
    }
}
