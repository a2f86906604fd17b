using BillingPortal.Domain.Budgets;

namespace BillingPortal.Tests.Domain.Budgets;

public sealed class BudgetRulesTests
{
    private static readonly Guid Key = Guid.Parse("3f2b9c1e-5d6a-4b7c-8e9f-0a1b2c3d4e5f");
    private static readonly DateTime Reset = new(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

    private static Budget Budget(BudgetScope scope, string? target = null, long limit = 100, BudgetAction action = BudgetAction.Block) =>
        new() { Id = Guid.NewGuid(), Scope = scope, Target = target, LimitMicros = limit, Action = action };

    [Fact]
    public void EachScope_CoversOnlyItsOwnRuns()
    {
        Assert.True(BudgetRules.Covers(Budget(BudgetScope.Workspace), "any", null, null));
        Assert.True(BudgetRules.Covers(Budget(BudgetScope.Agent, "bot"), "bot", Key, "u"));
        Assert.False(BudgetRules.Covers(Budget(BudgetScope.Agent, "bot"), "Bot", Key, "u")); // names are exact
        Assert.True(BudgetRules.Covers(Budget(BudgetScope.ApiKey, BudgetRules.ApiKeyTarget(Key)), "any", Key, null));
        Assert.False(BudgetRules.Covers(Budget(BudgetScope.ApiKey, BudgetRules.ApiKeyTarget(Key)), "any", null, null));
        Assert.True(BudgetRules.Covers(Budget(BudgetScope.Member, "u1"), "any", null, "u1"));
        Assert.False(BudgetRules.Covers(Budget(BudgetScope.Member, "u1"), "any", null, null));
    }

    [Theory]
    [InlineData(99, 0, 0, false)]   // a micro-dollar of room left
    [InlineData(100, 0, 0, true)]   // used up
    [InlineData(60, 40, 0, true)]   // holds count
    [InlineData(60, 0, 40, false)]  // an estimate that exactly fits
    [InlineData(60, 0, 41, true)]   // one that would pass the limit
    public void ABlockingBudget_RefusesWhenItHasNoRoomForTheRun(long spent, long held, long estimate, bool refused)
    {
        var standing = new BudgetStanding(Budget(BudgetScope.Workspace), Reset.AddDays(-1), Reset, spent, held);

        Assert.Equal(refused, BudgetRules.Refusing([standing], estimate) is not null);
    }

    [Fact]
    public void ANotifyBudget_NeverRefuses_AndTheWidestScopeIsNamedFirst()
    {
        var notify = new BudgetStanding(Budget(BudgetScope.Workspace, action: BudgetAction.Notify), Reset.AddDays(-1), Reset, 500, 0);
        var agent = new BudgetStanding(Budget(BudgetScope.Agent, "bot"), Reset.AddDays(-1), Reset, 100, 0);
        var workspace = new BudgetStanding(Budget(BudgetScope.Workspace), Reset.AddDays(-1), Reset, 100, 0);

        Assert.Null(BudgetRules.Refusing([notify], 0));
        Assert.Equal(workspace.Budget.Id, BudgetRules.Refusing([agent, notify, workspace], 0)!.Value.Budget.Id);
    }

    [Fact]
    public void Thresholds_AreReachedAtTheirShareOfTheLimit_ExactlyAndWithoutOverflow()
    {
        Assert.Equal([50], BudgetRules.Reached(10_000_000, [50, 80, 100], 5_000_000));
        Assert.Empty(BudgetRules.Reached(10_000_000, [50, 80, 100], 4_999_999));
        Assert.Equal([50, 80, 100], BudgetRules.Reached(10_000_000, [100, 50, 80], 12_000_000));
        Assert.Equal([100], BudgetRules.Reached(long.MaxValue, [100], long.MaxValue));
    }

    [Theory]
    [InlineData("50,80,100", new[] { 50, 80, 100 })]
    [InlineData(" 100, 25 ,25", new[] { 25, 100 })]
    [InlineData("", new[] { 50, 80, 100 })]
    [InlineData("50,x", new[] { 50, 80, 100 })] // damaged: the defaults, never silence
    public void StoredThresholds_ReadBackSortedAndDistinct(string text, int[] expected) =>
        Assert.Equal(expected, BudgetRules.ParseThresholds(text));

    [Fact]
    public void Holds_LeaveAvailableWhatIsNotHeld_AndAnEstimateNeedsAllOfIt()
    {
        Assert.Equal(7, HoldRules.Available(5, 5, 3));
        Assert.True(HoldRules.Fits(HoldRules.Available(5, 5, 3), 7));
        Assert.False(HoldRules.Fits(HoldRules.Available(5, 5, 3), 8));
        Assert.False(HoldRules.Fits(HoldRules.Available(5, 5, 10), 0)); // nothing left, even without an estimate
        Assert.True(HoldRules.Fits(HoldRules.Available(long.MaxValue, long.MaxValue, 0), long.MaxValue));
    }
}
