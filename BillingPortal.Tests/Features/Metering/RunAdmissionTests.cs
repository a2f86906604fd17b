using BillingPortal.Domain;
using BillingPortal.Features.Metering;

namespace BillingPortal.Tests.Features.Metering;

public class RunAdmissionTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Refusal_WithFundsOnAnActivePlan_IsNone()
    {
        Assert.Null(RunAdmission.Refusal(SubscriptionStatus.Active, null, 1, 0, Now));
        Assert.Null(RunAdmission.Refusal(SubscriptionStatus.Active, null, 0, 1, Now));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(5, -5)]
    [InlineData(0, -1)]
    public void Refusal_WhenAllowancePlusCreditsIsNotPositive_IsCreditsDepleted(long allowance, long credits)
    {
        Assert.Equal(RunRefusal.CreditsDepleted, RunAdmission.Refusal(SubscriptionStatus.Active, null, allowance, credits, Now));
    }

    [Fact]
    public void Refusal_AtTheTrialsEnd_IsTrialExpired()
    {
        Assert.Equal(RunRefusal.TrialExpired, RunAdmission.Refusal(SubscriptionStatus.Trial, Now, 100, 100, Now));
        Assert.Null(RunAdmission.Refusal(SubscriptionStatus.Trial, Now.AddTicks(1), 100, 100, Now));
    }

    [Fact]
    public void Refusal_AfterTheTrialsEnd_WithACardOnFile_AllowsTheRun()
    {
        Assert.Null(RunAdmission.Refusal(SubscriptionStatus.Trial, Now, 100, 100, Now, hasPaymentMethod: true));
        Assert.Equal(RunRefusal.CreditsDepleted, RunAdmission.Refusal(SubscriptionStatus.Trial, Now, 0, 0, Now, hasPaymentMethod: true));
    }

    [Fact]
    public void Refusal_WhenPastDue_IsPastDueEvenWithFunds()
    {
        Assert.Equal(RunRefusal.PastDue, RunAdmission.Refusal(SubscriptionStatus.PastDue, null, 100, 100, Now));
    }

    [Fact]
    public void Refusal_WhenPaused_IsPastDue_BecausePayingTheInvoiceIsWhatResumesIt()
    {
        Assert.Equal(RunRefusal.PastDue, RunAdmission.Refusal(SubscriptionStatus.Paused, null, 100, 100, Now));
    }

    [Fact]
    public void Refusal_WithExtremeBalances_DoesNotOverflowIntoAllowed()
    {
        Assert.Equal(RunRefusal.CreditsDepleted, RunAdmission.Refusal(SubscriptionStatus.Active, null, 0, long.MinValue, Now));
        Assert.Null(RunAdmission.Refusal(SubscriptionStatus.Active, null, long.MaxValue, long.MaxValue, Now));
    }

    [Fact]
    public void Refusal_WithoutASubscription_StillChecksFunds()
    {
        Assert.Equal(RunRefusal.CreditsDepleted, RunAdmission.Refusal(null, null, 0, 0, Now));
    }
}
