using BillingPortal.Domain;
using BillingPortal.Domain.Subscriptions;

namespace BillingPortal.Tests.Domain.Subscriptions;

public sealed class PlanChangeRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);

    private static Subscription On(Plan plan, SubscriptionStatus status = SubscriptionStatus.Active, DateTime? trialEndsAt = null) => new()
    {
        PlanCode = plan.Code,
        Status = status,
        TrialEndsAt = trialEndsAt,
        CurrentPeriodStart = new DateTime(2026, 11, 22, 0, 0, 0, DateTimeKind.Utc),
        CurrentPeriodEnd = new DateTime(2026, 12, 22, 0, 0, 0, DateTimeKind.Utc),
    };

    [Fact]
    public void Upgrade_FromFreeWithACard_IsProrated()
    {
        var decision = PlanChangeRules.Upgrade(On(PlanCatalog.Free), PlanCatalog.Pro, hasUsableCard: true, Now);

        Assert.Equal(PlanChangeKind.ProratedUpgrade, decision.Kind);
        Assert.Null(decision.Refusal);
    }

    [Fact]
    public void Upgrade_WithoutACard_OutsideATrial_IsRefused()
    {
        var decision = PlanChangeRules.Upgrade(On(PlanCatalog.Free), PlanCatalog.Pro, hasUsableCard: false, Now);

        Assert.False(decision.Allowed);
        Assert.Contains("Add a payment method", decision.Refusal);
    }

    [Fact]
    public void Upgrade_ToThePlanItIsOn_SaysSo()
    {
        var decision = PlanChangeRules.Upgrade(On(PlanCatalog.Pro), PlanCatalog.Pro, hasUsableCard: true, Now);

        Assert.Equal("This workspace is already on Pro.", decision.Refusal);
    }

    [Fact]
    public void Upgrade_ToEnterprise_GoesThroughSales() =>
        Assert.Contains("Contact sales", PlanChangeRules.Upgrade(On(PlanCatalog.Pro), PlanCatalog.Enterprise, true, Now).Refusal);

    [Fact]
    public void Upgrade_ToALowerPlan_IsRefused_AsADowngrade() =>
        Assert.Contains("downgrade", PlanChangeRules.Upgrade(On(PlanCatalog.Pro), PlanCatalog.Free, true, Now).Refusal);

    [Theory]
    [InlineData(SubscriptionStatus.PastDue)]
    [InlineData(SubscriptionStatus.Paused)]
    public void Upgrade_WithAnUnpaidInvoice_IsRefused_UntilPaid(SubscriptionStatus status) =>
        Assert.Contains("unpaid invoice", PlanChangeRules.Upgrade(On(PlanCatalog.Free, status), PlanCatalog.Pro, true, Now).Refusal);

    [Fact]
    public void Upgrade_InARunningTrial_SwitchesWithoutACard()
    {
        var decision = PlanChangeRules.Upgrade(On(PlanCatalog.Free, SubscriptionStatus.Trial, Now.AddDays(3)), PlanCatalog.Pro, hasUsableCard: false, Now);

        Assert.Equal(PlanChangeKind.TrialSwitch, decision.Kind);
    }

    [Fact]
    public void Upgrade_InAnEndedTrial_NeedsACard()
    {
        var ended = On(PlanCatalog.Free, SubscriptionStatus.Trial, Now.AddDays(-1));

        Assert.Contains("trial has ended", PlanChangeRules.Upgrade(ended, PlanCatalog.Pro, hasUsableCard: false, Now).Refusal);
        Assert.Equal(PlanChangeKind.TrialSwitch, PlanChangeRules.Upgrade(ended, PlanCatalog.Pro, hasUsableCard: true, Now).Kind);
    }

    [Fact]
    public void Upgrade_WhenThePeriodHasEndedButNotRolledOver_AsksToRetry() =>
        Assert.Contains("Try again", PlanChangeRules.Upgrade(On(PlanCatalog.Free), PlanCatalog.Pro, true, new DateTime(2026, 12, 22, 0, 0, 0, DateTimeKind.Utc)).Refusal);

    [Fact]
    public void Downgrade_ToALowerPlan_IsScheduled() =>
        Assert.Equal(PlanChangeKind.ScheduledDowngrade, PlanChangeRules.Downgrade(On(PlanCatalog.Pro), PlanCatalog.Free).Kind);

    [Fact]
    public void Downgrade_ToTheSamePlan_OrAHigherOne_IsRefusedWithAClearMessage()
    {
        Assert.Equal("This workspace is already on Free.", PlanChangeRules.Downgrade(On(PlanCatalog.Free), PlanCatalog.Free).Refusal);
        Assert.Equal("Pro is an upgrade: it takes effect at once with Upgrade.", PlanChangeRules.Downgrade(On(PlanCatalog.Free), PlanCatalog.Pro).Refusal);
    }

    [Fact]
    public void SwitchToFree_OnlyFromAnEndedTrial()
    {
        Assert.Null(PlanChangeRules.SwitchExpiredTrialToFree(On(PlanCatalog.Pro, SubscriptionStatus.Trial, Now), Now));
        Assert.NotNull(PlanChangeRules.SwitchExpiredTrialToFree(On(PlanCatalog.Pro, SubscriptionStatus.Trial, Now.AddSeconds(1)), Now));
        Assert.NotNull(PlanChangeRules.SwitchExpiredTrialToFree(On(PlanCatalog.Pro), Now));
    }

    [Fact]
    public void ProrationDescription_NamesThePlanAndTheSpan()
    {
        Assert.Equal("Upgrade to Pro, prorated for 30 Nov – 21 Dec 2026",
            PlanChangeRules.ProrationDescription(PlanCatalog.Pro, Now, new DateTime(2026, 12, 22, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("Upgrade to Pro, prorated for 30 Dec 2026 – 21 Jan 2027",
            PlanChangeRules.ProrationDescription(PlanCatalog.Pro, Now.AddMonths(1), new DateTime(2027, 1, 22, 0, 0, 0, DateTimeKind.Utc)));
    }
}
