using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Features.Subscriptions;

namespace BillingPortal.Tests.Features.Subscriptions;

public class BillingWorkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneBrokenWorkspace_IsLoggedAndSkipped_TheOthersAreStillBilled()
    {
        await using var f = await BillingFixture.CreateAsync();
        var broken = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        var fine = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        await f.UpdateSubscriptionAsync(broken, s => s.PendingPlanCode = "platinum"); // no such plan
        f.Clock.Advance(TimeSpan.FromDays(31));

        var pass = await f.Worker.RunOnceAsync(Ct);

        Assert.Equal((1, 1), (pass.PeriodsClosed, pass.Failed));
        Assert.Single(await f.InvoicesAsync(fine));
        Assert.Empty(await f.InvoicesAsync(broken));
        Assert.Equal(new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc), (await f.SubscriptionAsync(broken)).CurrentPeriodStart); // rolled back whole
    }

    [Fact]
    public async Task HostedWorker_OnStart_CatchesUpWhatFellDueWhileTheAppWasDown()
    {
        await using var f = await BillingFixture.CreateAsync(workerEnabled: true);
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        f.Clock.Advance(TimeSpan.FromDays(62));

        await f.Worker.StartAsync(Ct);
        try
        {
            List<Invoice> invoices;
            var waited = System.Diagnostics.Stopwatch.StartNew(); // generous: the machine may be busy; it returns as soon as both exist
            while ((invoices = await f.InvoicesAsync(ws)).Count < 2 && waited.Elapsed < TimeSpan.FromSeconds(90))
                await Task.Delay(25, Ct);
            Assert.Equal(2, invoices.Count);
        }
        finally
        {
            await f.Worker.StopAsync(Ct);
        }
    }

    [Fact]
    public async Task HostedWorker_WhenDisabled_DoesNothing()
    {
        await using var f = await BillingFixture.CreateAsync(workerEnabled: false);
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        f.Clock.Advance(TimeSpan.FromDays(62));

        await f.Worker.StartAsync(Ct);
        await f.Worker.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(60), Ct);
        await f.Worker.StopAsync(Ct);

        Assert.True(f.Worker.ExecuteTask.IsCompletedSuccessfully);
        Assert.Empty(await f.InvoicesAsync(ws));
    }
}
