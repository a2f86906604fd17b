using BillingPortal.Domain.Budgets;

namespace BillingPortal.Tests.Domain.Budgets;

public sealed class BudgetDraftsTests
{
    private static BudgetDraft Draft(string? scope = "agent", string? target = "bot", string? period = "day", long? limit = 1_000_000,
        string? action = "block", IReadOnlyList<int>? thresholds = null) => new(scope, target, period, limit, action, thresholds);

    [Fact]
    public void AGoodDraft_BecomesABudget_WithDefaultThresholds()
    {
        var (budget, errors) = BudgetDrafts.Validate(Draft(target: "  bot  "));

        Assert.Empty(errors);
        Assert.Equal((BudgetScope.Agent, "bot", BudgetPeriod.Day, 1_000_000L, BudgetAction.Block), (budget!.Scope, budget.Target, budget.Period, budget.LimitMicros, budget.Action));
        Assert.Equal([50, 80, 100], budget.Thresholds);
    }

    [Fact]
    public void AnApiKeyTarget_IsStoredInOneSpelling()
    {
        var (budget, _) = BudgetDrafts.Validate(Draft(scope: "apiKey", target: "3F2B9C1E-5D6A-4B7C-8E9F-0A1B2C3D4E5F"));

        Assert.Equal("3f2b9c1e-5d6a-4b7c-8e9f-0a1b2c3d4e5f", budget!.Target);
    }

    [Theory]
    [InlineData("team", "bot", "day", 1L, "block", "scope")]
    [InlineData("workspace", "bot", "day", 1L, "block", "target")]
    [InlineData("agent", null, "day", 1L, "block", "target")]
    [InlineData("apiKey", "key-1", "day", 1L, "block", "target")]
    [InlineData("agent", "bot", "Day", 1L, "block", "period")]
    [InlineData("agent", "bot", "day", 0L, "block", "limitMicros")]
    [InlineData("agent", "bot", "day", 10_000_000_000_001L, "block", "limitMicros")]
    [InlineData("agent", "bot", "day", 1L, "stop", "action")]
    public void ABadField_IsNamed_AndNoBudgetIsMade(string? scope, string? target, string? period, long limit, string? action, string field)
    {
        var (budget, errors) = BudgetDrafts.Validate(Draft(scope, target, period, limit, action));

        Assert.Null(budget);
        Assert.Equal([field], errors.Keys);
    }

    [Theory]
    [InlineData(new[] { 0 })]
    [InlineData(new[] { 101 })]
    [InlineData(new[] { 50, 50 })]
    [InlineData(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 })]
    public void BadThresholds_AreNamed(int[] thresholds) =>
        Assert.Equal(["thresholds"], BudgetDrafts.Validate(Draft(thresholds: thresholds)).Errors.Keys);

    [Fact]
    public void TheAlertText_NamesScopePeriodShareAndReset_AndSaysWhenRunsAreRefused()
    {
        var budget = new Budget { Id = Guid.NewGuid(), Scope = BudgetScope.Agent, Target = "support-bot", Period = BudgetPeriod.Day, LimitMicros = 10_000_000, Action = BudgetAction.Block };
        var reset = new DateTime(2026, 3, 2, 0, 0, 0, DateTimeKind.Utc);

        Assert.Equal("The daily budget of agent \"support-bot\" in Acme has reached 80%: $8.00 of $10.00. It resets 2 Mar 2026, 00:00 UTC.",
            BudgetAlertText.Message("Acme", budget, 80, 8_000_000, reset));
        Assert.EndsWith("New runs in its scope are refused until then.", BudgetAlertText.Message("Acme", budget, 100, 10_000_000, reset));
    }
}
