using BillingPortal.Domain;
using BillingPortal.Features.Overview;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Overview;

public sealed class OverviewServiceTests : IAsyncLifetime
{
    private TestDatabase database = default!;
    private OverviewService service = default!;
    private string ownerId = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        service = new OverviewService(database.Factory, database.Clock);
        ownerId = await database.AddUserAsync("owner@example.test");
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Get_AfterEveryKindOfPosting_TotalsEqualTheLedgerToTheMicroDollar()
    {
        var id = await NewWorkspaceAsync("Totals", PlanCatalog.Pro, trialDays: null); // $25 allowance
        await CreditAsync(id, LedgerEntryType.Purchase, 100_000_001);
        await CreditAsync(id, LedgerEntryType.AutoTopUp, 20_000_000);
        await CreditAsync(id, LedgerEntryType.Grant, 5_000_000);
        await CreditAsync(id, LedgerEntryType.Adjustment, 333);
        await CreditAsync(id, LedgerEntryType.Adjustment, -1_000_000);
        await DebitAsync(id, 30_123_457); // $25 from the allowance, the rest from credits
        await CreditAsync(id, LedgerEntryType.Refund, -7_500_000);
        await CreditAsync(id, LedgerEntryType.Dispute, -2_000_001);
        await DebitAsync(id, 1_000_009);

        var overview = await service.GetAsync(id, Ct);

        Assert.NotNull(overview);
        var lifetime = overview.Lifetime;
        Assert.Equal(100_000_001 + 20_000_000 + 5_000_000 + 333, lifetime.Added.Micros); // gross, as Credits shows it
        Assert.Equal(1_000_000, lifetime.AdjustedDown.Micros);
        Assert.Equal(9_500_001, lifetime.Reversed.Micros);
        Assert.Equal(25_000_000, lifetime.SpentFromAllowance.Micros);
        Assert.Equal(5_123_457 + 1_000_009, lifetime.SpentFromCredits.Micros);
        Assert.Equal(31_123_466, lifetime.Spent.Micros);

        // The same numbers, summed independently from every entry, and the wallet as stored.
        await using var db = database.Open();
        var all = await db.LedgerEntries.Where(e => e.WorkspaceId == id).ToListAsync(Ct);
        var wallet = await db.Wallets.SingleAsync(w => w.WorkspaceId == id, Ct);
        Assert.Equal(-all.Where(e => e.Type == LedgerEntryType.Usage).Sum(e => e.TotalDeltaMicros), lifetime.Spent.Micros);
        Assert.Equal(wallet.CreditBalanceMicros, overview.CreditBalance.Micros);
        Assert.Equal(wallet.AllowanceRemainingMicros, overview.AllowanceRemaining.Micros);
        Assert.Equal(all.Sum(e => e.CreditDeltaMicros), overview.CreditBalance.Micros);
        Assert.Equal(overview.CreditBalance, lifetime.CreditBalance);
        Assert.Equal(overview.CreditBalance, lifetime.Added - lifetime.Reversed - lifetime.AdjustedDown - lifetime.SpentFromCredits);
    }

    [Fact]
    public async Task Get_ReturnsTheFiveNewestEntriesNewestFirstWithTheirRunningBalance()
    {
        var id = await NewWorkspaceAsync("Recent", PlanCatalog.Free, trialDays: null); // $1 allowance
        for (var i = 1; i <= 7; i++)
            await CreditAsync(id, LedgerEntryType.Purchase, i * 1_000_000, $"Purchase {i}");
        await DebitAsync(id, 2_500_000, "Usage A");

        var overview = await service.GetAsync(id, Ct);

        Assert.NotNull(overview);
        var recent = overview.RecentEntries;
        Assert.Equal(["Usage A", "Purchase 7", "Purchase 6", "Purchase 5", "Purchase 4"], recent.Select(e => e.Description));
        Assert.True(recent.Zip(recent.Skip(1)).All(pair => pair.First.Id > pair.Second.Id));
        var usage = recent[0];
        Assert.Equal(LedgerEntryType.Usage, usage.Type);
        Assert.Equal(-1_000_000, usage.AllowanceDelta.Micros);
        Assert.Equal(-1_500_000, usage.CreditDelta.Micros);
        Assert.Equal(28_000_000 - 1_500_000, usage.BalanceAfter.Micros);
        Assert.Equal(0, usage.AllowanceAfter.Micros);
        Assert.Equal(28_000_000, recent[1].BalanceAfter.Micros);
        Assert.Equal(recent[1].BalanceAfter + usage.CreditDelta, usage.BalanceAfter);
    }

    [Fact]
    public async Task Get_DuringTrial_CountsDaysLeftOnTheInjectedClock()
    {
        var id = await NewWorkspaceAsync("Trial", PlanCatalog.Pro, trialDays: 9);
        var trialEnd = database.Clock.GetUtcNow().UtcDateTime.AddDays(9);

        var first = await service.GetAsync(id, Ct);
        database.Clock.Advance(TimeSpan.FromDays(2.5));
        var later = await service.GetAsync(id, Ct);

        Assert.Equal(SubscriptionStatus.Trial, first!.Subscription.Status);
        Assert.Equal(9, first.Subscription.TrialDaysLeft);
        Assert.Equal(7, later!.Subscription.TrialDaysLeft); // 6.5 days, rounded up
        Assert.Equal(trialEnd, later.Subscription.NextBillingDate);
        Assert.Equal("Pro", later.Plan.Name);
        Assert.Equal(Money.FromDollars(49), later.Plan.MonthlyPrice);
        Assert.Equal(Money.FromDollars(25), later.Plan.MonthlyAllowance);
        Assert.Equal(Money.FromDollars(25), later.AllowanceRemaining);
    }

    [Fact]
    public async Task Get_WhenActive_HasNoTrialDaysAndBillsAtThePeriodEnd()
    {
        var start = database.Clock.GetUtcNow().UtcDateTime;
        var id = await NewWorkspaceAsync("Active", PlanCatalog.Enterprise, trialDays: null);

        var overview = await service.GetAsync(id, Ct);

        Assert.Equal(SubscriptionStatus.Active, overview!.Subscription.Status);
        Assert.Null(overview.Subscription.TrialDaysLeft);
        Assert.Equal(start.AddMonths(1), overview.Subscription.NextBillingDate);
        Assert.Equal(WorkspaceKind.Team, overview.WorkspaceKind);
        Assert.Equal("Active", overview.WorkspaceName);
    }

    [Fact]
    public async Task Get_ForNewWorkspace_HasZeroTotalsAndOnlyTheAllowanceEntry()
    {
        var id = await NewWorkspaceAsync("Fresh", PlanCatalog.Pro, trialDays: null);

        var overview = await service.GetAsync(id, Ct);

        Assert.Equal(LedgerTotals.Empty, overview!.Lifetime);
        Assert.Equal(Money.Zero, overview.CreditBalance);
        var only = Assert.Single(overview.RecentEntries);
        Assert.Equal(LedgerEntryType.AllowanceReset, only.Type);
    }

    [Fact]
    public async Task Get_TwoWorkspaces_EachSeesOnlyItsOwnMoney()
    {
        var a = await NewWorkspaceAsync("A", PlanCatalog.Free, trialDays: null);
        var b = await NewWorkspaceAsync("B", PlanCatalog.Free, trialDays: null);
        await CreditAsync(a, LedgerEntryType.Purchase, 10_000_000, "A buys");
        await CreditAsync(b, LedgerEntryType.Purchase, 3_000_000, "B buys");
        await DebitAsync(b, 1_500_000, "B spends");

        var overviewA = await service.GetAsync(a, Ct);
        var overviewB = await service.GetAsync(b, Ct);

        Assert.Equal(10_000_000, overviewA!.CreditBalance.Micros);
        Assert.Equal(Money.Zero, overviewA.Lifetime.Spent);
        Assert.DoesNotContain(overviewA.RecentEntries, e => e.Description.StartsWith('B'));
        Assert.Equal(2_500_000, overviewB!.CreditBalance.Micros);
        Assert.Equal(3_000_000, overviewB.Lifetime.Added.Micros);
        Assert.Equal(1_500_000, overviewB.Lifetime.Spent.Micros);
        Assert.DoesNotContain(overviewB.RecentEntries, e => e.Description.StartsWith('A'));
    }

    [Fact]
    public async Task Get_UnknownWorkspace_ReturnsNull()
    {
        await NewWorkspaceAsync("Exists", PlanCatalog.Free, trialDays: null);

        Assert.Null(await service.GetAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task GetRecentEntries_ReturnsAtMostLimitNewestFirst()
    {
        var id = await NewWorkspaceAsync("Ledger", PlanCatalog.Free, trialDays: null);
        for (var i = 1; i <= 4; i++)
            await CreditAsync(id, LedgerEntryType.Grant, 1_000_000, $"Grant {i}");

        var three = await service.GetRecentEntriesAsync(id, 3, Ct);
        var all = await service.GetRecentEntriesAsync(id, 100, Ct);

        Assert.Equal(["Grant 4", "Grant 3", "Grant 2"], three.Select(e => e.Description));
        Assert.Equal(5, all.Count); // four grants and the first allowance
        Assert.Equal(LedgerEntryType.AllowanceReset, all[^1].Type);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public async Task GetRecentEntries_LimitOutOfRange_Throws(int limit)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => service.GetRecentEntriesAsync(Guid.NewGuid(), limit, Ct));
    }

    private Task<Guid> NewWorkspaceAsync(string name, Plan plan, int? trialDays) =>
        database.Provisioner.CreateTeamWorkspaceAsync(name, ownerId, plan, trialDays, Ct);

    private Task CreditAsync(Guid workspaceId, LedgerEntryType type, long micros, string? description = null) =>
        database.Ledger.PostCreditAsync(type, new Posting(workspaceId, micros, Guid.NewGuid().ToString(), description ?? type.ToString()), Ct);

    private Task DebitAsync(Guid workspaceId, long micros, string description = "Usage") =>
        database.Ledger.DebitAsync(new Posting(workspaceId, micros, Guid.NewGuid().ToString(), description), DebitMode.AllowOverdraft, Ct);
}
