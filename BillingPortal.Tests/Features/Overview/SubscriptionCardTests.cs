using BillingPortal.Domain;
using BillingPortal.Features.Overview;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using MudBlazor;

namespace BillingPortal.Tests.Features.Overview;

public sealed class SubscriptionCardTests : BunitContextBase
{
    [Fact]
    public void Render_InTrial_ShowsAPrimaryChipWithDaysLeftAndTheTrialEnd()
    {
        var cut = RenderCard(OverviewSamples.Subscription(SubscriptionStatus.Trial, trialDaysLeft: 9));

        Assert.Equal("Trial · 9 days left", cut.Find("[data-testid=subscription-status]").TextContent.Trim());
        Assert.Equal(Color.Primary, cut.FindComponent<MudChip<string>>().Instance.Color);
        Assert.Equal("10 Mar 2026", cut.Find("[data-testid=next-billing-date]").TextContent.Trim());
        Assert.Contains("Trial ends", cut.Markup);
    }

    [Theory]
    [InlineData(1, "Trial · 1 day left")]
    [InlineData(0, "Trial ended")]
    public void Render_AtTheEndOfTrial_SaysSoPlainly(int daysLeft, string label)
    {
        var cut = RenderCard(OverviewSamples.Subscription(SubscriptionStatus.Trial, daysLeft));

        Assert.Equal(label, cut.Find("[data-testid=subscription-status]").TextContent.Trim());
    }

    [Theory]
    [InlineData(SubscriptionStatus.Active, "Active", Color.Success)]
    [InlineData(SubscriptionStatus.PastDue, "Past due", Color.Error)]
    [InlineData(SubscriptionStatus.Paused, "Paused", Color.Error)]
    public void Render_OutsideTrial_ShowsTheStatusInItsColourAndThePeriodEnd(SubscriptionStatus status, string label, Color color)
    {
        var cut = RenderCard(OverviewSamples.Subscription(status));

        Assert.Equal(label, cut.Find("[data-testid=subscription-status]").TextContent.Trim());
        Assert.Equal(color, cut.FindComponent<MudChip<string>>().Instance.Color);
        Assert.Equal("21 Mar 2026", cut.Find("[data-testid=next-billing-date]").TextContent.Trim());
        Assert.Contains("Next billing date", cut.Markup);
    }

    [Fact]
    public void Render_PastDue_TellsWhatToDo()
    {
        var cut = RenderCard(OverviewSamples.Subscription(SubscriptionStatus.PastDue));

        Assert.Contains("last payment failed", cut.Markup);
    }

    [Fact]
    public void Render_ShowsThePlanItsPriceAndAllowance()
    {
        var cut = RenderCard(OverviewSamples.Subscription(SubscriptionStatus.Active));

        Assert.Equal("Pro", cut.Find("h2").TextContent.Trim());
        Assert.Contains("$49.00 a month, with $25.00 of usage included", cut.Find("p.mud-typography-body2").TextContent);
    }

    [Fact]
    public void Render_FreePlan_SaysThereIsNoMonthlyCharge()
    {
        var free = new PlanSummary("free", "Free", Money.Zero, Money.FromDollars(1));

        var cut = Render<SubscriptionCard>(p => p.Add(c => c.Plan, free).Add(c => c.Subscription, OverviewSamples.Subscription(SubscriptionStatus.Active)));

        Assert.Contains("No monthly charge, with $1.00 of usage included", cut.Find("p.mud-typography-body2").TextContent);
    }

    [Fact]
    public void Trial_WithoutACard_SaysNothingIsCharged_AndLinksToAddOne()
    {
        var cut = RenderCard(OverviewSamples.Subscription(SubscriptionStatus.Trial, trialDaysLeft: 9, hasCard: false));

        Assert.Contains("Trial ends", cut.Markup);
        Assert.DoesNotContain("first charge", cut.Markup);
        var note = cut.Find("[data-testid=trial-needs-card]");
        Assert.Contains("nothing is charged", note.TextContent);
        Assert.Equal("billing/payment", note.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public void Trial_WithACard_AndADowngrade_SwitchesAtTheTrialsEnd()
    {
        var trial = OverviewSamples.Subscription(SubscriptionStatus.Trial, trialDaysLeft: 9) with { PendingPlanCode = "free", PendingPlanName = "Free" };

        var cut = RenderCard(trial);

        Assert.Contains("Trial ends, first charge", cut.Markup);
        Assert.Equal("Switches to Free on 10 Mar 2026", cut.Find("[data-testid=pending-plan]").TextContent.Trim());
    }

    private IRenderedComponent<SubscriptionCard> RenderCard(SubscriptionSummary subscription) =>
        Render<SubscriptionCard>(p => p.Add(c => c.Plan, OverviewSamples.Pro).Add(c => c.Subscription, subscription));
}
