using BillingPortal.Domain;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Spikes;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.SpendAlerts;
using BillingPortal.Features.Usage;
using BillingPortal.Hosting;
using BillingPortal.Tests.Features.Notifications;
using BillingPortal.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.SpendAlerts;

/// <summary>
/// The spike sweep on a real database, with the real notifier. The clock stands at 1 Mar 2026 09:00 UTC
/// (<see cref="TestDatabase"/>): today is 1 Mar, the history is 15–28 Feb. Histories are written as daily rollups.
/// </summary>
public class SpikeAlertWorkerTests : IAsyncLifetime
{
    private const long Dollar = 1_000_000;
    private static readonly DateOnly Today = new(2026, 3, 1);
    private NotificationFixture f = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => f = await NotificationFixture.CreateAsync();

    public async ValueTask DisposeAsync() => await f.DisposeAsync();

    [Fact]
    public async Task AnAgentsSpike_NotifiesOwnersAndAdmins_OnceADay_HoweverOftenTheSweepRuns()
    {
        await HistoryAsync("support-bot", 10 * Dollar);
        await HistoryAsync("code-reviewer", 100 * Dollar);
        await SpendAsync(Today, "support-bot", 42 * Dollar);
        await SpendAsync(Today, "code-reviewer", 100 * Dollar); // the total, $142 against $110, is no spike
        var worker = NewWorker();

        Assert.Equal(1, await worker.RunOnceAsync(Ct));
        await SpendAsync(Today, "support-bot", 8 * Dollar, key: "claude-sonnet-4"); // still spiking, now $50
        Assert.Equal(1, await worker.RunOnceAsync(Ct));
        Assert.Equal(1, await NewWorker().RunOnceAsync(Ct)); // another instance too

        var owners = Notices(f.OwnerId);
        var notice = Assert.Single(owners);
        Assert.Equal(NotificationTypes.SpendSpikeAgent, notice.Type);
        Assert.Equal("spike:agent:2026-03-01:support-bot", notice.DedupeKey);
        Assert.Equal("Spend spike: agent \"support-bot\" at 4.2x its usual", notice.Title);
        Assert.Contains("$42.00 on 1 Mar 2026 (UTC) so far, 4.2x its usual $10.00 a day", notice.Message);
        Assert.Equal("billing/usage?range=custom&from=2026-03-01&to=2026-03-01&day=2026-03-01&agent=support-bot", notice.Link);
        Assert.Single(Notices(f.AdminId));
        Assert.Empty(Notices(f.FinanceId));
        Assert.Empty(Notices(f.MemberId));
        Assert.Equal(2, f.Email.Sent.Count);
    }

    [Fact]
    public async Task TheNextDaysSpike_NotifiesAgain()
    {
        await HistoryAsync("support-bot", 10 * Dollar);
        await SpendAsync(Today, "support-bot", 42 * Dollar);
        await SpendAsync(Today, "steady", 1_000 * Dollar);
        await HistoryAsync("steady", 1_000 * Dollar);
        var worker = NewWorker();
        await worker.RunOnceAsync(Ct);

        f.Database.Clock.Advance(TimeSpan.FromDays(1));
        await SpendAsync(Today.AddDays(1), "support-bot", 60 * Dollar); // the median is still $10
        await SpendAsync(Today.AddDays(1), "steady", 1_000 * Dollar);
        await worker.RunOnceAsync(Ct);

        Assert.Equal(["spike:agent:2026-03-01:support-bot", "spike:agent:2026-03-02:support-bot"], Notices(f.OwnerId).Select(n => n.DedupeKey));
        Assert.Contains("6.0x its usual", Notices(f.OwnerId)[1].Title);
    }

    [Fact]
    public async Task TwoInstancesSweepingAtOnce_NotifyEachPersonOnce()
    {
        await HistoryAsync("support-bot", 10 * Dollar);
        await SpendAsync(Today, "support-bot", 42 * Dollar); // the agent and the workspace's total, alone, both spike

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => NewWorker().RunOnceAsync(Ct), Ct)));

        Assert.All(results, found => Assert.Equal(2, found));
        Assert.Equal([NotificationTypes.SpendSpikeAgent, NotificationTypes.SpendSpikeWorkspace], Notices(f.OwnerId).Select(n => n.Type).Order());
        Assert.Equal(2, Notices(f.AdminId).Count);
        Assert.Equal(4, f.Email.Sent.Count);
    }

    [Fact]
    public async Task TheWorkspacesTotal_SpikesOnItsOwn_WhenNoAgentPassesTheFloor()
    {
        await HistoryAsync("a", 1 * Dollar);
        await HistoryAsync("b", 1 * Dollar);
        await SpendAsync(Today, "a", 4 * Dollar);
        await SpendAsync(Today, "b", 4_500_000); // each under $5; together $8.50, 4.2x the usual $2

        Assert.Equal(1, await NewWorker().RunOnceAsync(Ct));

        var notice = Assert.Single(Notices(f.OwnerId));
        Assert.Equal(NotificationTypes.SpendSpikeWorkspace, notice.Type);
        Assert.Equal("spike:workspace:2026-03-01", notice.DedupeKey);
        Assert.Equal("Team has spent $8.50 on 1 Mar 2026 (UTC) so far, 4.2x its usual $2.00 a day (the median of the 14 days before). "
            + "The day's usage by agent shows where it went.", notice.Message);
        Assert.Equal("billing/usage?range=custom&from=2026-03-01&to=2026-03-01&day=2026-03-01", notice.Link);
    }

    [Fact]
    public async Task WithoutHistory_ThereIsNoAlert_HoweverBigTheDay()
    {
        await SpendAsync(Today, "brand-new", 500 * Dollar);
        // Spend on 6 of the 14 days: its usual day is no spend at all.
        for (var d = 0; d < 6; d++)
            await SpendAsync(Today.AddDays(-1 - 2 * d), "now-and-then", 20 * Dollar);
        await SpendAsync(Today, "now-and-then", 500 * Dollar);

        Assert.Equal(0, await NewWorker().RunOnceAsync(Ct));
        Assert.Empty(f.Stored());
    }

    [Fact]
    public async Task PastTheMultiple_ButNotTheFloor_IsNoAlert()
    {
        await HistoryAsync("cheap", 100_000);
        await SpendAsync(Today, "cheap", 5 * Dollar); // 50x, but not more than $5

        Assert.Equal(0, await NewWorker().RunOnceAsync(Ct));
        Assert.Empty(f.Stored());
    }

    [Fact]
    public async Task PastTheFloor_ButNotTheMultiple_IsNoAlert()
    {
        await HistoryAsync("busy", 30 * Dollar);
        await SpendAsync(Today, "busy", 90 * Dollar); // exactly 3x: not more than it

        Assert.Equal(0, await NewWorker().RunOnceAsync(Ct));
        Assert.Empty(f.Stored());
    }

    [Fact]
    public async Task TheSettings_ChangeTheRule()
    {
        await HistoryAsync("busy", 30 * Dollar);
        await SpendAsync(Today, "busy", 90 * Dollar);

        var found = await NewWorker(new SpikeAlertOptions { SpikeMultiple = 2m, SpikeFloorMicros = 100 * Dollar }).RunOnceAsync(Ct);
        Assert.Equal(0, found); // 3x, but $90 is under a $100 floor
        found = await NewWorker(new SpikeAlertOptions { SpikeMultiple = 2m, SpikeFloorMicros = 50 * Dollar }).RunOnceAsync(Ct);
        Assert.Equal(2, found); // the agent and the total, both 3x against 2x
    }

    [Fact]
    public async Task AnotherWorkspacesSpend_CountsOnlyThere()
    {
        var other = await f.Database.Provisioner.CreateTeamWorkspaceAsync("Other", f.OwnerId, PlanCatalog.Pro, trialDays: null, Ct);
        await HistoryAsync("support-bot", 10 * Dollar, other);
        await SpendAsync(Today, "support-bot", 42 * Dollar); // this workspace has no history for it

        Assert.Equal(0, await NewWorker().CheckAsync(f.WorkspaceId, "Team", Today, Ct));
        Assert.Empty(f.Stored());
    }

    [Fact]
    public async Task OnlyTheLeaseHolder_Sweeps()
    {
        await HistoryAsync("support-bot", 10 * Dollar);
        await SpendAsync(Today, "support-bot", 42 * Dollar);

        Assert.Equal(2, await NewWorker(instance: "a").RunIfLeaderAsync(Ct));
        Assert.Null(await NewWorker(instance: "b").RunIfLeaderAsync(Ct));
    }

    [Fact]
    public void Link_LeavesOutAnAgentWhoseEscapedNameWouldNotFit()
    {
        var long_ = new string('é', 100); // 600 characters escaped

        Assert.Equal("billing/usage?range=custom&from=2026-03-01&to=2026-03-01&day=2026-03-01", SpikeAlertWorker.Link(Today, long_));
        Assert.EndsWith("&agent=a%26b%3Dc", SpikeAlertWorker.Link(Today, "a&b=c"));
    }

    [Fact]
    public void Link_OpensTheUsagePage_OnThatDayAndAgent_StillTheNextMonth()
    {
        var link = SpikeAlertWorker.Link(Today, "a&b=c");

        var (view, notes) = UsageLink.Parse(link[link.IndexOf('?')..], Today.AddDays(31), periodStart: null);

        Assert.Empty(notes);
        Assert.Equal((Today, "a&b=c", Today, Today), (view.Day, view.Agent, view.Filter.From, view.Filter.To));
    }

    private SpikeAlertWorker NewWorker(SpikeAlertOptions? options = null, string instance = "test") =>
        new(f.Database.Factory, f.Notifier, options ?? new SpikeAlertOptions(),
            new WorkerLeases(f.Database.Factory, new WorkerInstance(instance), f.Database.Clock, NullLogger<WorkerLeases>.Instance),
            f.Database.Clock, NullLogger<SpikeAlertWorker>.Instance);

    private List<Notification> Notices(string userId) => [.. f.Stored().Where(n => n.UserId == userId)];

    /// <summary><paramref name="dailyMicros"/> on each of the 14 days before today.</summary>
    private async Task HistoryAsync(string agent, long dailyMicros, Guid? workspaceId = null)
    {
        for (var d = 1; d <= SpikeRule.HistoryDays; d++)
            await SpendAsync(Today.AddDays(-d), agent, dailyMicros, workspaceId: workspaceId);
    }

    private async Task SpendAsync(DateOnly day, string agent, long costMicros, string key = "gpt-4.1", Guid? workspaceId = null)
    {
        await using var db = f.Database.Open();
        db.UsageDailyRollups.Add(new UsageDailyRollup
        {
            WorkspaceId = workspaceId ?? f.WorkspaceId, Day = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), Agent = agent,
            LineItem = LineItemKind.Llm, Metric = UsageMetric.InputTokens, Key = key, ApiKeyId = Guid.Empty,
            Quantity = 1, CostMicros = costMicros, LineItems = 1,
        });
        await db.SaveChangesAsync(Ct);
    }
}

public sealed class SpikeAlertWorkerTestsOnPostgres : SpikeAlertWorkerTests, IRunsOnPostgres;
