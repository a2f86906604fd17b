using BillingPortal.Domain;
using BillingPortal.Domain.Notifications;

namespace BillingPortal.Tests.Features.Plans;

public class PlanSwitchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Downgrade_IsPending_UntilThePeriodEnds_ThenCancelledWithKeep()
    {
        await using var pro = await PlanFixture.CreateAsync(PlanCatalog.Pro);
        pro.Database.Clock.Advance(TimeSpan.FromDays(5));

        var scheduled = await pro.Service.ScheduleDowngradeAsync(pro.Owner, pro.WorkspaceId, "free", Ct);

        Assert.True(scheduled.Succeeded, scheduled.Message);
        Assert.Equal("Pro stays until 1 Apr 2026; then the workspace switches to Free.", scheduled.Message);
        var pending = await pro.SubscriptionAsync();
        Assert.Equal("pro", pending.PlanCode);
        Assert.Equal("free", pending.PendingPlanCode);
        Assert.Equal(pro.Database.Clock.GetUtcNow().UtcDateTime, pending.PendingPlanRequestedAt);
        Assert.Empty(await pro.InvoicesAsync());
        Assert.Single(pro.Notifier.OfType(NotificationTypes.PlanChanged));

        var again = await pro.Service.ScheduleDowngradeAsync(pro.Owner, pro.WorkspaceId, "free", Ct);
        Assert.True(again.Replayed);

        var kept = await pro.Service.CancelDowngradeAsync(pro.Owner, pro.WorkspaceId, Ct);

        Assert.True(kept.Succeeded, kept.Message);
        Assert.Equal("The workspace stays on Pro.", kept.Message);
        var cancelled = await pro.SubscriptionAsync();
        Assert.Null(cancelled.PendingPlanCode);
        Assert.Null(cancelled.PendingPlanRequestedAt);
        Assert.Equal("pro", cancelled.PlanCode);
    }

    [Fact]
    public async Task Downgrade_ToThePlanItIsOn_OrUpward_IsRefusedWithAClearMessage()
    {
        await using var pro = await PlanFixture.CreateAsync(PlanCatalog.Pro);

        var same = await pro.Service.ScheduleDowngradeAsync(pro.Owner, pro.WorkspaceId, "pro", Ct);
        var up = await pro.Service.ScheduleDowngradeAsync(pro.Owner, pro.WorkspaceId, "enterprise", Ct);
        var unknown = await pro.Service.ScheduleDowngradeAsync(pro.Owner, pro.WorkspaceId, "gold", Ct);

        Assert.Equal("This workspace is already on Pro.", same.Message);
        Assert.Equal("Enterprise is an upgrade: it takes effect at once with Upgrade.", up.Message);
        Assert.Equal("There is no plan 'gold'.", unknown.Message);
        Assert.Null((await pro.SubscriptionAsync()).PendingPlanCode);
    }

    [Fact]
    public async Task Upgrade_ClearsAPendingDowngrade()
    {
        await using var free = await PlanFixture.CreateAsync(PlanCatalog.Free, trialDays: 14);
        await free.UpdateSubscriptionAsync(s => { s.PendingPlanCode = "free"; s.PendingPlanRequestedAt = s.CurrentPeriodStart; });

        var result = await free.Service.UpgradeAsync(free.Owner, free.WorkspaceId, "pro", "clear", Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Null((await free.SubscriptionAsync()).PendingPlanCode);
    }

    [Fact]
    public async Task Upgrade_InARunningTrial_SwitchesThePlan_WithoutACardOrACharge()
    {
        await using var trial = await PlanFixture.CreateAsync(PlanCatalog.Free, trialDays: 14);
        trial.Database.Clock.Advance(TimeSpan.FromDays(4));
        var allowance = (await trial.WalletAsync()).AllowanceRemainingMicros;

        var result = await trial.Service.UpgradeAsync(trial.Owner, trial.WorkspaceId, "pro", "trial", Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Null(result.InvoiceId);
        var subscription = await trial.SubscriptionAsync();
        Assert.Equal("pro", subscription.PlanCode);
        Assert.Equal(SubscriptionStatus.Trial, subscription.Status);
        Assert.Empty(await trial.InvoicesAsync());
        Assert.Equal(allowance, (await trial.WalletAsync()).AllowanceRemainingMicros);
    }

    [Fact]
    public async Task ExpiredTrial_SwitchesToFree_AtOnce_WithANewPeriod_FreesAllowance_AndNoInvoice()
    {
        await using var trial = await PlanFixture.CreateAsync(PlanCatalog.Pro, trialDays: 14);
        trial.Database.Clock.Advance(TimeSpan.FromDays(15));
        var now = trial.Database.Clock.GetUtcNow().UtcDateTime;

        var result = await trial.Service.SwitchExpiredTrialToFreeAsync(trial.Owner, trial.WorkspaceId, Ct);

        Assert.True(result.Succeeded, result.Message);
        var subscription = await trial.SubscriptionAsync();
        Assert.Equal("free", subscription.PlanCode);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(now, subscription.CurrentPeriodStart);
        Assert.Equal(now, subscription.BillingAnchor);
        Assert.Equal(now.AddMonths(1), subscription.CurrentPeriodEnd);
        Assert.False(subscription.TrialExpired(now));
        Assert.Empty(await trial.InvoicesAsync());
        Assert.Equal(PlanCatalog.Free.MonthlyAllowance.Micros, (await trial.WalletAsync()).AllowanceRemainingMicros);
        Assert.Equal(LedgerEntryType.AllowanceReset, (await trial.EntriesAsync()).Last().Type);
        Assert.Single(trial.Notifier.OfType(NotificationTypes.PlanChanged));

        var twice = await trial.Service.SwitchExpiredTrialToFreeAsync(trial.Owner, trial.WorkspaceId, Ct);
        Assert.False(twice.Succeeded);
    }

    [Fact]
    public async Task RunningTrial_CannotSwitchToFreeAtOnce()
    {
        await using var trial = await PlanFixture.CreateAsync(PlanCatalog.Pro, trialDays: 14);

        var result = await trial.Service.SwitchExpiredTrialToFreeAsync(trial.Owner, trial.WorkspaceId, Ct);

        Assert.False(result.Succeeded);
        Assert.Equal("pro", (await trial.SubscriptionAsync()).PlanCode);
    }

    [Fact]
    public async Task ExpiredTrial_UpgradesOnlyWithACard()
    {
        await using var trial = await PlanFixture.CreateAsync(PlanCatalog.Free, trialDays: 14);
        trial.Database.Clock.Advance(TimeSpan.FromDays(20));

        var refused = await trial.Service.UpgradeAsync(trial.Owner, trial.WorkspaceId, "pro", "a", Ct);
        await trial.AddCardAsync();
        var allowed = await trial.Service.UpgradeAsync(trial.Owner, trial.WorkspaceId, "pro", "b", Ct);

        Assert.Contains("trial has ended", refused.Message);
        Assert.True(allowed.Succeeded, allowed.Message);
        Assert.Equal("pro", (await trial.SubscriptionAsync()).PlanCode);
        Assert.Empty(await trial.InvoicesAsync()); // the trial's conversion bills the plan
    }
}
