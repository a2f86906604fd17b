using BillingPortal.Domain.Budgets;
using BillingPortal.Domain.Notifications;
using BillingPortal.Features.Budgets;
using BillingPortal.Features.Metering;
using BillingPortal.Features.Notifications;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingPortal.Tests.Features.Budgets;

/// <summary>Graduated alerts: each threshold of each budget notifies each Owner and Admin once per period, whatever the concurrency.</summary>
public class BudgetAlertTests : BudgetTesting
{
    /// <summary>Ingestion whose debits are published to the real alerts and the real notifier (stored, deduplicated, e-mailed to the log).</summary>
    private (UsageIngestion Ingestion, ServiceProvider Services) Alerting()
    {
        var services = new ServiceCollection().AddBillingCore(Database);
        services.AddSingleton(new NotificationOptions());
        services.AddSingleton<IEmailSender, LogEmailSender>();
        services.AddSingleton<INotifier, NotificationService>();
        services.AddSingleton<BudgetAlerts>();
        services.AddSingleton<IWalletObserver>(sp => sp.GetRequiredService<BudgetAlerts>());
        var provider = services.BuildServiceProvider();
        return (new UsageIngestion(Database.Writes, provider.GetRequiredService<CreditLedger>(), Database.Clock), provider);
    }

    /// <summary>The stored budget notifications, once the alerts' checks (which run off the writer's path) have settled.</summary>
    private async Task<List<(string DedupeKey, string UserId, string Title, string? Link)>> BudgetNotificationsAsync(ServiceProvider services)
    {
        await services.GetRequiredService<BudgetAlerts>().WhenSettledAsync(Workspace).WaitAsync(Ct);
        await using var db = Database.Open();
        return (await db.Notifications.AsNoTracking().Where(n => n.WorkspaceId == Workspace && n.Type == NotificationTypes.BudgetThresholdReached)
            .OrderBy(n => n.Id).ToListAsync(Ct)).Select(n => (n.DedupeKey, n.UserId, n.Title, n.Link)).ToList();
    }

    [Fact]
    public async Task EachThreshold_NotifiesOncePerPeriod_UnderConcurrentDebits()
    {
        var perCall = await WebSearchMicrosAsync();
        var budget = await CreateAsync("agent", "support-bot", "day", 100 * perCall, action: "block", thresholds: [50, 80, 100]);
        var (ingestion, services) = Alerting();
        await using var _ = services;

        // 60 calls in 30 concurrent requests: past 50% (50 calls) but not 80%.
        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => ingestion.IngestAsync(Workspace, KeyA, [Call($"a{i}", Now, calls: 2)], ct: Ct)));
        var afterFifty = await BudgetNotificationsAsync(services);
        // Then past 100% by many concurrent requests, and a replay of all of them.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => ingestion.IngestAsync(Workspace, KeyA, [Call($"b{i}", Now, calls: 1)], ct: Ct)));
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => ingestion.IngestAsync(Workspace, KeyA, [Call($"b{i}", Now, calls: 1)], ct: Ct)));

        var start = Now.Date;
        Assert.Equal([BudgetAlertText.DedupeKey(budget.Id, start, 50)], afterFifty.Select(n => n.DedupeKey)); // the owner is the only Owner/Admin
        var all = await BudgetNotificationsAsync(services);
        Assert.Equal([50, 80, 100], all.Select(n => int.Parse(n.DedupeKey.Split(':')[^1])));
        Assert.All(all, n => Assert.Equal(Owner, n.UserId));
        Assert.Equal("Budget at 100%", all[^1].Title);
        Assert.Equal("billing/usage?range=custom&from=2026-03-01&to=2026-03-01&agent=support-bot", all[0].Link);

        // A new day is a new period: its thresholds notify again.
        Database.Clock.Advance(TimeSpan.FromDays(1));
        await ingestion.IngestAsync(Workspace, KeyA, [Call("next-day", Now, calls: 55)], ct: Ct);
        Assert.Equal(BudgetAlertText.DedupeKey(budget.Id, start.AddDays(1), 50), (await BudgetNotificationsAsync(services))[^1].DedupeKey);
    }

    [Fact]
    public async Task SpendOutsideABudgetsScope_NotifiesNothing()
    {
        var perCall = await WebSearchMicrosAsync();
        await CreateAsync("apiKey", KeyA.ToString(), "month", 10 * perCall, action: "notify");
        var (ingestion, services) = Alerting();
        await using var _ = services;

        await ingestion.IngestAsync(Workspace, KeyB, [Call("other-key", Now, calls: 50)], ct: Ct);

        Assert.Empty(await BudgetNotificationsAsync(services));
    }
}
