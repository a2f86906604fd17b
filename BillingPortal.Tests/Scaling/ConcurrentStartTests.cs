using BillingPortal.Features.Demo;
using BillingPortal.Features.Metering;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Scaling;

/// <summary>Two instances started at the same moment on an empty PostgreSQL database, both with demo seeding on.</summary>
public sealed class ConcurrentStartTests : IRunsOnPostgres
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoInstancesStartingAtOnce_OnAnEmptyDatabase_SeedOneDemo_AndBothServeSignIn()
    {
        await using var a = new BillingAppFactory();
        await using var b = new BillingAppFactory { JoinDatabase = a.ConnectionString }; // seeding on, like a
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var starting = new[] { a, b }.Select(instance => Task.Run(async () =>
        {
            await start.Task;
            _ = instance.Server; // migrates, then seeds if it finds the database empty
        }, Ct)).ToList();
        start.SetResult();
        await Task.WhenAll(starting);

        await using (var db = await a.DbFactory.CreateDbContextAsync(Ct))
        {
            Assert.Equal(1, await db.Workspaces.CountAsync(w => w.Name == DemoSeeder.WorkspaceName, Ct));
            Assert.Equal(DemoSeeder.Users.Count, await db.Users.CountAsync(Ct));
            foreach (var (email, _, _) in DemoSeeder.Users)
                Assert.Equal(1, await db.Users.CountAsync(u => u.Email == email, Ct));
            Assert.Equal(DefaultRates.Create().Count(), await db.CostRates.CountAsync(Ct));
        }
        var onA = await a.LoginAsync("owner@acme.test");
        var onB = await b.LoginAsync("admin@acme.test");
        Assert.Contains(DemoSeeder.WorkspaceName, await onA.GetStringAsync("/", Ct));
        Assert.Contains(DemoSeeder.WorkspaceName, await onB.GetStringAsync("/", Ct));
    }
}
