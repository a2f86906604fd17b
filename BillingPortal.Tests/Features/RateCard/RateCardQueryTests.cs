using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.RateCard;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.RateCard;

public sealed class RateCardQueryTests : IAsyncLifetime
{
    private TestDatabase database = default!;
    private Guid workspaceId;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private DateTime Now => database.Clock.GetUtcNow().UtcDateTime;
    private RateCardQuery Query => new(database.Factory, database.Clock);

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        workspaceId = await database.Provisioner.CreateTeamWorkspaceAsync("Team", await database.AddUserAsync("owner@team.test"), PlanCatalog.Pro, trialDays: null, Ct);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private async Task AddAsync(params CostRate[] rates)
    {
        await using var db = database.Open();
        db.CostRates.AddRange(rates);
        await db.SaveChangesAsync(Ct);
    }

    private static CostRate Rate(LineItemKind item, UsageMetric metric, string key, long micros, DateTime from, DateTime? to = null,
        string? plan = null, long unitSize = 1_000_000, int feeBasisPoints = 500) => new()
    {
        LineItem = item, Metric = metric, Key = key, DisplayName = key.ToUpperInvariant(), UnitPriceMicros = micros, UnitSize = unitSize,
        PlatformFeeBasisPoints = feeBasisPoints, EffectiveFrom = from, EffectiveTo = to, PlanCode = plan,
    };

    [Fact]
    public async Task Get_ShowsOnlyRatesInForceNow_ExcludingExpiredAndFuture()
    {
        await AddAsync(
            Rate(LineItemKind.Llm, UsageMetric.InputTokens, "model-a", 2_000_000, Now.AddDays(-60), to: Now.AddDays(-10)),
            Rate(LineItemKind.Llm, UsageMetric.InputTokens, "model-a", 3_000_000, Now.AddDays(-10)),
            Rate(LineItemKind.Llm, UsageMetric.InputTokens, "model-a", 1_000_000, Now.AddDays(5)),
            Rate(LineItemKind.Llm, UsageMetric.OutputTokens, "model-a", 15_000_000, Now.AddDays(-10), to: Now.AddDays(30)),
            Rate(LineItemKind.Llm, UsageMetric.InputTokens, "retired", 9_000_000, Now.AddDays(-60), to: Now),
            Rate(LineItemKind.Llm, UsageMetric.InputTokens, "starts-now", 4_000_000, Now),
            Rate(LineItemKind.Llm, UsageMetric.InputTokens, "upcoming", 4_000_000, Now.AddSeconds(1)));

        var card = await Query.GetAsync(workspaceId, Ct);

        Assert.NotNull(card);
        Assert.Equal(["model-a", "starts-now"], card.Models.Select(m => m.Key));
        var model = card.Models[0];
        Assert.Equal(3_000_000, model.Input!.UnitPrice.Micros);
        Assert.Equal(15_000_000, model.Output!.UnitPrice.Micros);
        Assert.Equal("1M tokens", model.Input.Unit);
        Assert.Null(card.Models[1].Output);
        Assert.Equal("Pro", card.PlanName);
    }

    [Fact]
    public async Task Get_PlanSpecificRateBeatsTheGeneralOne_AndOtherPlansRatesAreIgnored()
    {
        await AddAsync(
            Rate(LineItemKind.Llm, UsageMetric.InputTokens, "model-a", 3_000_000, Now.AddDays(-10)),
            Rate(LineItemKind.Llm, UsageMetric.InputTokens, "model-a", 2_500_000, Now.AddDays(-5), plan: PlanCatalog.Pro.Code),
            Rate(LineItemKind.Llm, UsageMetric.InputTokens, "model-a", 2_000_000, Now.AddDays(-5), plan: PlanCatalog.Enterprise.Code),
            Rate(LineItemKind.Tool, UsageMetric.Calls, "web-search", 5_000, Now.AddDays(-10), unitSize: 1),
            Rate(LineItemKind.Tool, UsageMetric.Calls, "web-search", 3_000, Now.AddDays(-10), plan: PlanCatalog.Enterprise.Code, unitSize: 1),
            Rate(LineItemKind.Tool, UsageMetric.Calls, "enterprise-only", 1_000, Now.AddDays(-10), plan: PlanCatalog.Enterprise.Code, unitSize: 1));

        var card = await Query.GetAsync(workspaceId, Ct);

        Assert.NotNull(card);
        var input = Assert.Single(card.Models).Input!;
        Assert.Equal((2_500_000L, "pro"), (input.UnitPrice.Micros, input.PlanCode));
        var tool = Assert.Single(card.Tools);
        Assert.Equal(("web-search", 5_000L, (string?)null, "call"), (tool.Key, tool.UnitPrice.Micros, tool.PlanCode, tool.Unit));
    }

    [Fact]
    public async Task Get_GroupsByLineItem_WithStoragePerGbMonth_AndTheFee()
    {
        await AddAsync(
            Rate(LineItemKind.Storage, UsageMetric.GbHours, "storage", 230_000, Now.AddDays(-1), unitSize: 730, feeBasisPoints: 250),
            Rate(LineItemKind.Tool, UsageMetric.Calls, "zendesk", 2_000, Now.AddDays(-1), unitSize: 1),
            Rate(LineItemKind.Tool, UsageMetric.Calls, "github", 1_000, Now.AddDays(-1), unitSize: 1));

        var card = await Query.GetAsync(workspaceId, Ct);

        Assert.NotNull(card);
        Assert.Empty(card.Models);
        Assert.Equal(["github", "zendesk"], card.Tools.Select(t => t.Key));
        var storage = Assert.Single(card.Storage);
        Assert.Equal(("GB-month", 230_000L, 2.5m), (storage.Unit, storage.UnitPrice.Micros, storage.PlatformFeePercent));
        Assert.False(card.IsEmpty);
    }

    [Fact]
    public async Task Get_WithNoRates_IsEmpty_AndUnknownWorkspaceIsNull()
    {
        var card = await Query.GetAsync(workspaceId, Ct);

        Assert.NotNull(card);
        Assert.True(card.IsEmpty);
        Assert.Null(await Query.GetAsync(Guid.NewGuid(), Ct));
    }

    [Theory]
    [InlineData(UsageMetric.OutputTokens, 1_000L, "1,000 tokens")]
    [InlineData(UsageMetric.Calls, 100L, "100 calls")]
    [InlineData(UsageMetric.GbHours, 1L, "GB-hour")]
    public void UnitName_NamesUnusualSizesByCount(UsageMetric metric, long size, string expected)
    {
        using var _ = new CultureScope("en-US");
        Assert.Equal(expected, RateCardQuery.UnitName(metric, size));
    }

    [Theory]
    [InlineData("GPT-4.1 input", "GPT-4.1")]
    [InlineData("Claude Sonnet 4 Output", "Claude Sonnet 4")]
    [InlineData("Input mapper", "Input mapper")]
    public void ModelName_DropsTheMetricSuffixOfARateRow(string rateName, string expected) =>
        Assert.Equal(expected, RateCardQuery.ModelName(rateName));

    private sealed class CultureScope : IDisposable
    {
        private readonly System.Globalization.CultureInfo previous = System.Globalization.CultureInfo.CurrentCulture;
        public CultureScope(string name) => System.Globalization.CultureInfo.CurrentCulture = new(name);
        public void Dispose() => System.Globalization.CultureInfo.CurrentCulture = previous;
    }
}
