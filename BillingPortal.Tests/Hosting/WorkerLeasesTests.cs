using BillingPortal.Data;
using BillingPortal.Hosting;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Hosting;

/// <summary>Two or more app instances on one real SQLite file, told apart by their holder names, on one fake clock.</summary>
public class WorkerLeasesTests : IAsyncLifetime
{
    private const string Job = "billing";
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(90);
    private TestDatabase database = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private WorkerLeases Instance(string holder) =>
        new(database.Factory, new WorkerInstance(holder), database.Clock, NullLogger<WorkerLeases>.Instance);

    private async Task<WorkerLease> RowAsync()
    {
        await using var db = database.Open();
        return await db.WorkerLeases.AsNoTracking().SingleAsync(l => l.Name == Job, Ct);
    }

    [Fact]
    public async Task OfTwoInstances_OnlyTheFirstHoldsTheLease()
    {
        var a = Instance("a");
        var b = Instance("b");

        Assert.True(await a.TryAcquireAsync(Job, Lease, Ct));
        Assert.False(await b.TryAcquireAsync(Job, Lease, Ct));
        Assert.True(await a.TryAcquireAsync(Job, Lease, Ct)); // its own lease: renewed, not refused

        var row = await RowAsync();
        Assert.Equal("a", row.Holder);
        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime + Lease, row.ExpiresAt);
    }

    [Fact]
    public async Task ManyInstancesRacingForANewLease_ExactlyOneWins()
    {
        var instances = Enumerable.Range(0, 8).Select(i => Instance($"instance-{i}")).ToList();

        var won = await Task.WhenAll(instances.Select(i => Task.Run(() => i.TryAcquireAsync(Job, Lease, Ct), Ct)));

        Assert.Single(won, w => w);
        Assert.Equal(instances[Array.IndexOf(won, true)].Holder, (await RowAsync()).Holder);
    }

    [Fact]
    public async Task ManyInstancesRacingForAnExpiredLease_ExactlyOneTakesItOver()
    {
        Assert.True(await Instance("dead").TryAcquireAsync(Job, Lease, Ct));
        database.Clock.Advance(Lease);
        var instances = Enumerable.Range(0, 8).Select(i => Instance($"instance-{i}")).ToList();

        var won = await Task.WhenAll(instances.Select(i => Task.Run(() => i.TryAcquireAsync(Job, Lease, Ct), Ct)));

        Assert.Single(won, w => w);
        Assert.Equal(instances[Array.IndexOf(won, true)].Holder, (await RowAsync()).Holder);
    }

    [Fact]
    public async Task ALeaderThatStopsRenewing_IsTakenOverWhenItsLeaseExpires_AndThenLearnsItLostIt()
    {
        var a = Instance("a");
        var b = Instance("b");
        Assert.True(await a.TryAcquireAsync(Job, Lease, Ct));

        database.Clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.False(await b.TryAcquireAsync(Job, Lease, Ct)); // a second before expiry: still a's

        database.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await b.TryAcquireAsync(Job, Lease, Ct)); // expired: b takes over
        Assert.False(await a.TryAcquireAsync(Job, Lease, Ct)); // a comes back: it is b's now
        Assert.Equal("b", (await RowAsync()).Holder);
    }

    [Fact]
    public async Task RenewingBeforeExpiry_KeepsTheLeaseBeyondItsFirstTerm()
    {
        var a = Instance("a");
        var b = Instance("b");
        Assert.True(await a.TryAcquireAsync(Job, Lease, Ct));

        database.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True(await a.TryAcquireAsync(Job, Lease, Ct)); // renewed until 150 s
        database.Clock.Advance(TimeSpan.FromSeconds(60));     // 120 s: past the first term

        Assert.False(await b.TryAcquireAsync(Job, Lease, Ct));
        Assert.Equal("a", (await RowAsync()).Holder);
    }

    [Fact]
    public async Task AReleasedLease_IsTakenAtOnce_AndOnlyItsHolderCanReleaseIt()
    {
        var a = Instance("a");
        var b = Instance("b");
        Assert.True(await a.TryAcquireAsync(Job, Lease, Ct));

        await b.ReleaseAsync(Job, Ct); // not b's to release
        Assert.False(await b.TryAcquireAsync(Job, Lease, Ct));

        await a.ReleaseAsync(Job, Ct);
        Assert.True(await b.TryAcquireAsync(Job, Lease, Ct));
    }

    [Fact]
    public async Task Leads_LastForThreeIntervals_AndEachJobHasItsOwnLease()
    {
        var a = Instance("a");
        var b = Instance("b");
        var interval = TimeSpan.FromSeconds(30);

        Assert.True(await a.TryLeadAsync(Job, interval, Ct));
        Assert.True(await b.TryLeadAsync("auto-top-up", interval, Ct));

        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime + interval * WorkerLeases.IntervalsPerLease, (await RowAsync()).ExpiresAt);
        Assert.False(await b.TryLeadAsync(Job, interval, Ct));
        Assert.False(await a.TryLeadAsync("auto-top-up", interval, Ct));
    }

    [Fact]
    public void AnInstanceWithoutAConfiguredName_GetsOneNoOtherProcessShares()
    {
        var none = new ConfigurationBuilder().Build();
        var named = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Workers:InstanceId"] = "web-1" }).Build();

        Assert.NotEqual(WorkerInstance.From(none).Id, WorkerInstance.From(none).Id);
        Assert.Equal("web-1", WorkerInstance.From(named).Id);
    }
}
