using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Features.Plans;
using BillingPortal.Security;
using BillingPortal.Tests.Data;
using BillingPortal.Tests.Ledger;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.Plans;

/// <summary>
/// Plan changes that move the allowance publish the entry to the wallet observers (low-balance alerts, auto top-up)
/// as every other posting does, through the unit of work: after the commit, and not at all when it does not commit.
/// </summary>
public class PlanWalletEventsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Upgrade_PublishesTheRaisedAllowance_OnceItHasCommitted()
    {
        await using var free = await PlanFixture.CreateAsync(PlanCatalog.Free);
        await free.AddCardAsync();
        free.Database.Clock.Advance(TimeSpan.FromDays(10)); // 21 of 31 days left: 16.26 USD of Pro allowance added
        var observer = new CommitCheckingObserver(free.Database);

        var result = await Upgrade(free, observer, free.Database.Writes).UpgradeAsync(free.WorkspaceId, free.Owner.UserId(), PlanCatalog.Pro, "req-1", Ct);

        Assert.True(result.Succeeded, result.Message);
        var (change, committed) = Assert.Single(observer.Seen);
        Assert.True(committed);
        Assert.Equal((LedgerEntryType.AllowanceReset, 1_000_000L, 17_260_000L), (change.Type, change.SpendableBeforeMicros, change.SpendableAfterMicros));
        Assert.Equal(17_260_000, (await free.WalletAsync()).AllowanceRemainingMicros);
    }

    [Fact]
    public async Task Upgrade_WhoseCommitFails_PublishesNothing_AndChangesNothing()
    {
        await using var free = await PlanFixture.CreateAsync(PlanCatalog.Free);
        await free.AddCardAsync();
        var observer = new CommitCheckingObserver(free.Database);
        var failing = new BillingWrites(free.Database.FactoryWith(new FailEveryCommit()));
        var entriesBefore = (await free.EntriesAsync()).Count;

        await Assert.ThrowsAsync<IOException>(() => Upgrade(free, observer, failing).UpgradeAsync(free.WorkspaceId, free.Owner.UserId(), PlanCatalog.Pro, "req-1", Ct));

        Assert.Empty(observer.Seen);
        Assert.Equal("free", (await free.SubscriptionAsync()).PlanCode);
        Assert.Empty(await free.InvoicesAsync());
        Assert.Equal(entriesBefore, (await free.EntriesAsync()).Count);
        Assert.Equal(PlanCatalog.Free.MonthlyAllowance.Micros, (await free.WalletAsync()).AllowanceRemainingMicros);
    }

    [Fact]
    public async Task ExpiredTrial_SwitchedToFree_PublishesTheNewAllowance_OnceItHasCommitted()
    {
        await using var trial = await PlanFixture.CreateAsync(PlanCatalog.Pro, trialDays: 14);
        trial.Database.Clock.Advance(TimeSpan.FromDays(15));
        var observer = new CommitCheckingObserver(trial.Database);
        var switches = new PlanSwitches(trial.Database.Writes, observer.Ledger(), trial.Notifier, trial.Database.Clock);

        var result = await switches.SwitchExpiredTrialToFreeAsync(trial.WorkspaceId, trial.Owner.UserId(), Ct);

        Assert.True(result.Succeeded, result.Message);
        var (change, committed) = Assert.Single(observer.Seen);
        Assert.True(committed);
        Assert.Equal((LedgerEntryType.AllowanceReset, PlanCatalog.Free.MonthlyAllowance.Micros), (change.Type, change.AllowanceRemainingMicros));
    }

    private static PlanUpgrade Upgrade(PlanFixture fixture, CommitCheckingObserver observer, BillingWrites writes) =>
        new(fixture.Database.Factory, writes, observer.Ledger(writes), fixture.Collection, fixture.Notifier, fixture.Database.Clock, NullLogger<PlanUpgrade>.Instance);
}
