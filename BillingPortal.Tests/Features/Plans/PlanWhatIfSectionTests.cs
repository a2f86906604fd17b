using BillingPortal.Domain;
using BillingPortal.Domain.Plans;
using BillingPortal.Features.Plans;
using BillingPortal.Tests.Infrastructure;
using Bunit;

namespace BillingPortal.Tests.Features.Plans;

/// <summary>The section shows the query's figures as they are, in words as well as colours; en-US (the shared context).</summary>
public sealed class PlanWhatIfSectionTests : BunitContextBase
{
    private static readonly DateTime Start = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Render_APricedPeriod_ShowsThePeriodUsageAndEachPlansTotal_MarkingTheCheapestThatFits()
    {
        // $37.123456 over 150 runs on Pro: Free 36.12 (but 150 runs > 100), Pro 61.12, Enterprise 499 (see PlanWhatIfQueryTests).
        var usage = new Money(37_123_456);
        var lines = PlanWhatIf.Compare(PlanCatalog.All, PlanCatalog.Pro, usage, runs: 150);
        var view = new PlanWhatIfView(PlanCatalog.Pro, new PlanWhatIfPeriod(Start, Start.AddMonths(1), usage, 150, lines, PlanSpecificRates: false), Start.AddMonths(2));

        var cut = Render<PlanWhatIfSection>(p => p.Add(c => c.View, view));

        Assert.Equal("1 Mar – 1 Apr 2026", cut.Find("[data-testid=whatif-period]").TextContent);
        Assert.Equal("$37.12", cut.Find("[data-testid=whatif-usage-amount]").TextContent);
        Assert.Equal("150 runs", cut.Find("[data-testid=whatif-runs]").TextContent);
        Assert.Contains("the same on every plan", cut.Find("[data-testid=whatif-usage]").TextContent);
        Assert.Equal(["$36.12", "$61.12", "$499.00"], cut.FindAll("[data-testid=whatif-total]").Select(c => c.TextContent.Trim()));
        Assert.Equal(["$25.00 less", "Your plan", "$437.88 more"], cut.FindAll("[data-testid=whatif-difference]").Select(c => c.TextContent.Trim()));
        var cheapest = Assert.Single(cut.FindAll("[data-testid=whatif-cheapest]"));
        Assert.Equal("pro", cheapest.Closest("[data-testid=whatif-plan]")!.GetAttribute("data-whatif-plan"));
        var overQuota = Assert.Single(cut.FindAll("[data-testid=whatif-over-quota]"));
        Assert.Equal("free", overQuota.Closest("[data-testid=whatif-plan]")!.GetAttribute("data-whatif-plan"));
        Assert.Contains("150 runs last period; this plan includes 100 runs a month", overQuota.TextContent);
        Assert.Contains("List price", cut.Find("[data-whatif-plan=enterprise]").TextContent);
        Assert.Equal(3, cut.FindAll("tbody tr").Count);
        Assert.Equal(6, cut.FindAll("thead th").Count);
    }

    [Fact]
    public void Render_WhenSomeRatesDifferByPlan_SaysTheFiguresArePricedAsCharged()
    {
        var lines = PlanWhatIf.Compare(PlanCatalog.All, PlanCatalog.Free, Money.Zero, runs: 0);
        var view = new PlanWhatIfView(PlanCatalog.Free, new PlanWhatIfPeriod(Start, Start.AddMonths(1), Money.Zero, 0, lines, PlanSpecificRates: true), Start.AddMonths(2));

        var text = Render<PlanWhatIfSection>(p => p.Add(c => c.View, view)).Find("[data-testid=whatif-usage]").TextContent;

        Assert.Contains("priced as it was charged on Free", text);
        Assert.DoesNotContain("the same on every plan", text);
    }

    [Fact]
    public void Render_WithNoCompletePeriod_SaysWhenTheComparisonAppears()
    {
        var view = new PlanWhatIfView(PlanCatalog.Pro, null, new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc));

        var cut = Render<PlanWhatIfSection>(p => p.Add(c => c.View, view));

        Assert.Equal("No complete billing period yet: the comparison appears after the first one ends on 1 Apr 2026.",
            cut.Find("[data-testid=whatif-none]").TextContent.Trim());
        Assert.Empty(cut.FindAll("table"));
    }
}
