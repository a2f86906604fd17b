using BillingPortal.Domain;
using BillingPortal.Domain.Subscriptions;

namespace BillingPortal.Tests.Domain.Subscriptions;

public sealed class SubscriptionDatesTests
{
    private static readonly DateTime Start = new(2026, 1, 31, 14, 30, 0, DateTimeKind.Utc);

    private static Subscription Trial(int trialDays, DateTime periodEnd) => new()
    {
        PlanCode = PlanCatalog.Pro.Code, Status = SubscriptionStatus.Trial, TrialEndsAt = Start.AddDays(trialDays),
        CurrentPeriodStart = Start, CurrentPeriodEnd = periodEnd, BillingAnchor = Start,
    };

    [Fact]
    public void ATrialWithACard_ChangesAndChargesAtItsEnd()
    {
        var dates = SubscriptionDates.For(Trial(14, new DateTime(2026, 2, 28, 14, 30, 0, DateTimeKind.Utc)), usableCardSince: Start, now: Start);

        Assert.Equal(new SubscriptionDates(Start.AddDays(14), Start.AddDays(14)), dates);
    }

    [Fact]
    public void ATrialWithoutACard_IsNeverCharged_AndChangesAtThePeriodsEnd()
    {
        var periodEnd = new DateTime(2026, 2, 28, 14, 30, 0, DateTimeKind.Utc);

        var dates = SubscriptionDates.For(Trial(14, periodEnd), usableCardSince: null, now: Start);

        Assert.Equal(new SubscriptionDates(periodEnd, null), dates);
    }

    [Fact]
    public void ATrialLongerThanItsPeriod_ChangesAtThePeriodsEnd_ButChargesAtTheTrialsEnd()
    {
        var periodEnd = new DateTime(2026, 2, 28, 14, 30, 0, DateTimeKind.Utc); // 31 Jan + 1 month: the last day of February

        var dates = SubscriptionDates.For(Trial(45, periodEnd), usableCardSince: Start, now: Start);

        Assert.Equal(new SubscriptionDates(periodEnd, Start.AddDays(45)), dates);
    }

    [Theory]
    [InlineData(SubscriptionStatus.Active)]
    [InlineData(SubscriptionStatus.PastDue)]
    [InlineData(SubscriptionStatus.Paused)]
    public void OutsideATrial_EverythingHappensAtThePeriodsEnd_CardOrNot(SubscriptionStatus status)
    {
        var periodEnd = new DateTime(2028, 2, 29, 0, 0, 0, DateTimeKind.Utc);
        var subscription = Trial(14, periodEnd);
        subscription.Status = status;

        Assert.Equal(new SubscriptionDates(periodEnd, periodEnd), SubscriptionDates.For(subscription, usableCardSince: Start, now: Start));
        Assert.Equal(new SubscriptionDates(periodEnd, periodEnd), SubscriptionDates.For(subscription, usableCardSince: null, now: Start));
    }

    [Fact]
    public void ATrialThatEnded_ConvertsAtItsEnd_IfTheCardWasThereBy_ThenOtherwiseNow()
    {
        var periodEnd = new DateTime(2026, 2, 28, 14, 30, 0, DateTimeKind.Utc);
        var trial = Trial(14, periodEnd);
        var trialEnd = Start.AddDays(14);
        var now = trialEnd.AddDays(3);

        // As BillingPeriodService.ConvertAsync dates the conversion, so the Overview never shows a date already past.
        Assert.Equal(new SubscriptionDates(trialEnd, trialEnd), SubscriptionDates.For(trial, usableCardSince: trialEnd.AddSeconds(-1), now));
        Assert.Equal(new SubscriptionDates(now, now), SubscriptionDates.For(trial, usableCardSince: trialEnd.AddDays(1), now));
    }
}
