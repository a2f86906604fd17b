using BillingPortal.Domain.Usage;

namespace BillingPortal.Tests.Domain.Usage;

public sealed class RateCardTests
{
    private static readonly DateTime Jan = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Mar = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private static CostRate Rate(long id, DateTime from, DateTime? to = null, string? plan = null, string key = "gpt-4.1", UsageMetric metric = UsageMetric.InputTokens) =>
        new() { Id = id, LineItem = LineItemKind.Llm, Metric = metric, Key = key, DisplayName = key, UnitPriceMicros = id, UnitSize = 1_000_000, EffectiveFrom = from, EffectiveTo = to, PlanCode = plan };

    [Fact]
    public void Find_AfterARateChange_UsesTheRateInForceAtTheEventsTime()
    {
        CostRate[] rates = [Rate(1, Jan, to: Mar), Rate(2, Mar)];

        Assert.Equal(1, RateCard.Find(rates, LineItemKind.Llm, "gpt-4.1", UsageMetric.InputTokens, Mar.AddTicks(-1), null)!.Id);
        Assert.Equal(2, RateCard.Find(rates, LineItemKind.Llm, "gpt-4.1", UsageMetric.InputTokens, Mar, null)!.Id);
    }

    [Fact]
    public void Find_BeforeTheFirstRate_ReturnsNull()
    {
        Assert.Null(RateCard.Find([Rate(1, Mar)], LineItemKind.Llm, "gpt-4.1", UsageMetric.InputTokens, Jan, null));
    }

    [Fact]
    public void Find_WithAPlanSpecificRate_PrefersItForThatPlanOnly()
    {
        CostRate[] rates = [Rate(1, Jan), Rate(2, Jan, plan: "enterprise")];

        Assert.Equal(2, RateCard.Find(rates, LineItemKind.Llm, "gpt-4.1", UsageMetric.InputTokens, Mar, "enterprise")!.Id);
        Assert.Equal(1, RateCard.Find(rates, LineItemKind.Llm, "gpt-4.1", UsageMetric.InputTokens, Mar, "pro")!.Id);
        Assert.Equal(1, RateCard.Find(rates, LineItemKind.Llm, "gpt-4.1", UsageMetric.InputTokens, Mar, null)!.Id);
    }

    [Fact]
    public void Find_PlanRateOutsideItsDates_FallsBackToTheGeneralRate()
    {
        CostRate[] rates = [Rate(1, Jan), Rate(2, Mar, plan: "enterprise")];

        Assert.Equal(1, RateCard.Find(rates, LineItemKind.Llm, "gpt-4.1", UsageMetric.InputTokens, Jan.AddDays(5), "enterprise")!.Id);
    }

    [Fact]
    public void Find_MatchesKeyMetricAndLineItemExactly()
    {
        CostRate[] rates = [Rate(1, Jan, key: "gpt-4.1"), Rate(2, Jan, key: "gpt-4.1-mini"), Rate(3, Jan, metric: UsageMetric.OutputTokens)];

        Assert.Equal(2, RateCard.Find(rates, LineItemKind.Llm, "gpt-4.1-mini", UsageMetric.InputTokens, Mar, null)!.Id);
        Assert.Equal(3, RateCard.Find(rates, LineItemKind.Llm, "gpt-4.1", UsageMetric.OutputTokens, Mar, null)!.Id);
        Assert.Null(RateCard.Find(rates, LineItemKind.Tool, "gpt-4.1", UsageMetric.InputTokens, Mar, null));
        Assert.Null(RateCard.Find(rates, LineItemKind.Llm, "GPT-4.1", UsageMetric.InputTokens, Mar, null));
    }
}
