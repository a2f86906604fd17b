using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Metering;
using BillingPortal.Features.Subscriptions;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Subscriptions;

/// <summary>The worker as the real app composes it, on the seeded demo (its own app: it changes the demo's subscription).</summary>
public sealed class BillingWorkerAppTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DemoWorkspace_ItsPeriodStartsAtTheHistorysLastAllowanceReset_AndContainsNow()
    {
        await using var factory = new BillingAppFactory();
        _ = factory.Server;
        var now = factory.Clock.GetUtcNow().UtcDateTime;

        await using var db = await factory.DbFactory.CreateDbContextAsync(Ct);
        var workspace = await db.Workspaces.AsNoTracking().Include(w => w.Subscription).SingleAsync(w => w.Name == DemoSeeder.WorkspaceName, Ct);
        var subscription = workspace.Subscription!;
        var lastDemoReset = await db.LedgerEntries.Where(e => e.WorkspaceId == workspace.Id && e.IdempotencyKey.StartsWith("demo-allowance-"))
            .MaxAsync(e => e.CreatedAt, Ct);
        Assert.Equal(lastDemoReset, subscription.BillingAnchor);
        Assert.True(subscription.CurrentPeriodStart <= now && now < subscription.CurrentPeriodEnd,
            $"The period {subscription.CurrentPeriodStart:O} – {subscription.CurrentPeriodEnd:O} does not contain now ({now:O}).");
        Assert.Equal(subscription.CurrentPeriodStart == lastDemoReset ? lastDemoReset.AddMonths(1) : lastDemoReset.AddMonths(2), subscription.CurrentPeriodEnd);
        Assert.Equal((SubscriptionStatus.Trial, 9), (subscription.Status, subscription.TrialDaysLeft(now)));
        Assert.Empty(await db.Invoices.Where(i => i.WorkspaceId == workspace.Id).ToListAsync(Ct));
    }

    [Fact]
    public async Task DemoWorkspace_WhenItsTrialEnds_IsConvertedWithItsCardOnFileAndInvoiced()
    {
        await using var factory = new BillingAppFactory();
        _ = factory.Server;
        var worker = factory.Services.GetRequiredService<BillingWorker>();
        Assert.Equal(new BillingPass(0, 0, 0, 0), await worker.RunOnceAsync(Ct)); // nine days of trial left

        factory.Clock.Advance(TimeSpan.FromDays(9));
        var pass = await worker.RunOnceAsync(Ct);

        Assert.Equal(1, pass.TrialsConverted);
        await using var db = await factory.DbFactory.CreateDbContextAsync(Ct);
        var workspace = await db.Workspaces.AsNoTracking().Include(w => w.Subscription)
            .SingleAsync(w => w.Name == DemoSeeder.WorkspaceName, Ct);
        Assert.Equal(SubscriptionStatus.Active, workspace.Subscription!.Status);
        var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.WorkspaceId == workspace.Id, Ct);
        Assert.Equal((InvoiceKind.Period, "Acme AI", "owner@acme.test"), (invoice.Kind, invoice.CustomerName, invoice.CustomerEmail));
        Assert.True(invoice.TotalMicros >= PlanCatalog.Pro.MonthlyPrice.Micros);
        Assert.True(await db.Notifications.AnyAsync(n => n.WorkspaceId == workspace.Id && n.DedupeKey == $"invoice:{invoice.Id}:issued", Ct));
        Assert.Null(await factory.Services.GetRequiredService<MeteringService>().AuthorizeRunAsync(workspace.Id, Ct));
    }
}
