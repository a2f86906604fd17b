using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Subscriptions;

namespace BillingPortal.Tests.Domain.Subscriptions;

public sealed class DunningTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 3)]
    [InlineData(3, 5)]
    public void NextAttemptAfterFailure_FollowsTheRetryTerms(int failures, int days)
    {
        Assert.Equal(Now.AddDays(days), Dunning.NextAttemptAfterFailure(failures, Now));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(10)]
    public void NextAttemptAfterFailure_OnceTheRetriesAreUsedUp_IsNone(int failures)
    {
        Assert.Null(Dunning.NextAttemptAfterFailure(failures, Now));
    }

    [Fact]
    public void NextAttemptAfterFailure_WithoutAFailure_IsABug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Dunning.NextAttemptAfterFailure(0, Now));
    }

    [Theory]
    [InlineData(InvoiceStatus.Open, 0, true)]
    [InlineData(InvoiceStatus.Open, -1, true)]
    [InlineData(InvoiceStatus.Open, 1, false)]
    [InlineData(InvoiceStatus.PastDue, -1, false)]
    [InlineData(InvoiceStatus.Paid, -1, false)]
    [InlineData(InvoiceStatus.Void, -1, false)]
    public void IsOverdue_OnlyForAnOpenInvoiceAtOrAfterItsDueDate(InvoiceStatus status, int dueInSeconds, bool overdue)
    {
        Assert.Equal(overdue, Dunning.IsOverdue(status, Now.AddSeconds(dueInSeconds), Now));
    }

    [Theory]
    [InlineData(SubscriptionStatus.Active)]
    [InlineData(SubscriptionStatus.Trial)]
    public void MarkPastDue_StartsThePastDueClockAtTheDueDate(SubscriptionStatus status)
    {
        var subscription = New(status);
        var due = Now.AddDays(-2);

        Assert.True(Dunning.MarkPastDue(subscription, due));

        Assert.Equal((SubscriptionStatus.PastDue, due), (subscription.Status, subscription.PastDueSince));
    }

    [Theory]
    [InlineData(SubscriptionStatus.PastDue)]
    [InlineData(SubscriptionStatus.Paused)]
    public void MarkPastDue_WhenAlreadyBehind_KeepsTheEarlierDate(SubscriptionStatus status)
    {
        var subscription = New(status);
        subscription.PastDueSince = Now.AddDays(-10);

        Assert.False(Dunning.MarkPastDue(subscription, Now));

        Assert.Equal((status, Now.AddDays(-10)), (subscription.Status, subscription.PastDueSince));
    }

    [Fact]
    public void ShouldPause_FourteenDaysAfterFallingDue_AndNotASecondEarlier()
    {
        var since = Now.AddDays(-14);

        Assert.True(Dunning.ShouldPause(SubscriptionStatus.PastDue, since, Now));
        Assert.False(Dunning.ShouldPause(SubscriptionStatus.PastDue, since.AddSeconds(1), Now));
        Assert.False(Dunning.ShouldPause(SubscriptionStatus.Active, since, Now));
        Assert.False(Dunning.ShouldPause(SubscriptionStatus.Paused, since, Now));
        Assert.False(Dunning.ShouldPause(SubscriptionStatus.PastDue, null, Now));
        Assert.Equal(Now, Dunning.PausesAt(since));
    }

    [Theory]
    [InlineData(SubscriptionStatus.PastDue)]
    [InlineData(SubscriptionStatus.Paused)]
    public void ResumeOnPayment_WhenNothingElseIsPastDue_IsActiveWithTheDatesCleared(SubscriptionStatus status)
    {
        var subscription = New(status);
        subscription.PastDueSince = Now.AddDays(-20);
        subscription.PausedAt = status == SubscriptionStatus.Paused ? Now.AddDays(-6) : null;

        Assert.True(Dunning.ResumeOnPayment(subscription, otherPastDueInvoices: 0));

        Assert.Equal((SubscriptionStatus.Active, (DateTime?)null, (DateTime?)null), (subscription.Status, subscription.PastDueSince, subscription.PausedAt));
    }

    [Fact]
    public void ResumeOnPayment_WhileAnotherInvoiceIsPastDue_StaysBehind()
    {
        var subscription = New(SubscriptionStatus.Paused);
        subscription.PastDueSince = Now.AddDays(-20);

        Assert.False(Dunning.ResumeOnPayment(subscription, otherPastDueInvoices: 1));

        Assert.Equal(SubscriptionStatus.Paused, subscription.Status);
        Assert.NotNull(subscription.PastDueSince);
    }

    [Theory]
    [InlineData(SubscriptionStatus.Active)]
    [InlineData(SubscriptionStatus.Trial)]
    public void ResumeOnPayment_LeavesAGoodStandingSubscriptionAlone(SubscriptionStatus status)
    {
        var subscription = New(status);

        Assert.False(Dunning.ResumeOnPayment(subscription, 0));

        Assert.Equal(status, subscription.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10_000)]
    [InlineData(49_000_001)]
    [InlineData(5_000)]
    public void EnsureChargeable_RefusesAnythingButPositiveWholeCents(long micros)
    {
        Assert.Throws<InvalidOperationException>(() => Dunning.EnsureChargeable(micros));
    }

    [Fact]
    public void EnsureChargeable_AcceptsWholeCents()
    {
        Dunning.EnsureChargeable(49 * Money.MicrosPerDollar);
        Dunning.EnsureChargeable(Money.MicrosPerCent);
    }

    private static Subscription New(SubscriptionStatus status) => new()
    {
        WorkspaceId = Guid.NewGuid(), PlanCode = PlanCatalog.Pro.Code, Status = status,
        CurrentPeriodStart = Now.AddDays(-3), CurrentPeriodEnd = Now.AddDays(27), BillingAnchor = Now.AddDays(-3),
    };
}
