using BillingPortal.Domain;
using BillingPortal.Domain.Subscriptions;

namespace BillingPortal.Tests.Domain.Subscriptions;

public sealed class TrialEndNoticeTests
{
    private static readonly DateTime Start = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = Start.AddDays(5);
    private const string Visa = "Visa •••• 4242";

    private static Subscription Trial(string? pending = null) => new()
    {
        PlanCode = PlanCatalog.Pro.Code, Status = SubscriptionStatus.Trial, TrialEndsAt = Start.AddDays(14), PendingPlanCode = pending,
        CurrentPeriodStart = Start, CurrentPeriodEnd = Start.AddMonths(1), BillingAnchor = Start,
    };

    private static TrialEndNotice? For(Subscription s, string? card) =>
        TrialEndNotice.For(s, SubscriptionDates.For(s, card is not null ? Now : null, Now), card, Now);

    [Fact]
    public void WithADefaultCard_NamesTheCardThePriceAndTheDay()
    {
        var notice = For(Trial(), Visa);

        Assert.Equal(new TrialEndNotice(
            "When the trial ends on 15 Dec 2026, Visa •••• 4242 will be charged $49.00 for the first month of Pro, plus any usage over the allowance.", false), notice);
    }

    [Fact]
    public void WithoutACard_SaysOneIsNeeded_AndWhatHappensWithout()
    {
        var notice = For(Trial(), card: null);

        Assert.Equal(new TrialEndNotice(
            "No card is on file. Add one before the trial ends on 15 Dec 2026 to stay on Pro; without one, new agent runs are refused from then.", true), notice);
    }

    [Fact]
    public void WithACardThatExpiresBeforeTheTrialEnds_SaysSo_AndThatAValidOneIsNeeded()
    {
        // The card can be charged today but not on the trial's end, so the dates promise no charge.
        var trial = Trial();
        var notice = TrialEndNotice.For(trial, SubscriptionDates.For(trial, usableCardSince: null, Now), Visa, Now);

        Assert.Equal(new TrialEndNotice(
            "Visa •••• 4242 expires before the trial ends on 15 Dec 2026. Add a card that is valid then to stay on Pro; without one, new agent runs are refused from then.", true), notice);
    }

    [Fact]
    public void WithADowngradeToFree_PendingAndACard_NothingIsCharged()
    {
        var notice = For(Trial(pending: PlanCatalog.Free.Code), Visa);

        Assert.Equal(new TrialEndNotice("When the trial ends on 15 Dec 2026, the workspace moves to Free. Nothing will be charged.", false), notice);
    }

    [Fact]
    public void WithADowngradeToFree_PendingAndNoCard_RunsWaitForThePeriodsEnd()
    {
        var notice = For(Trial(pending: PlanCatalog.Free.Code), card: null);

        // Without a card the trial never converts: the downgrade applies at the period's end (SubscriptionDates).
        Assert.Equal(new TrialEndNotice(
            "The trial ends on 15 Dec 2026. Without a card, new agent runs are refused from then until the workspace moves to Free on 1 Jan 2027.", true), notice);
    }

    [Fact]
    public void AnEndedTrial_OrAnActiveSubscription_HasNone()
    {
        var ended = Trial();
        ended.TrialEndsAt = Now.AddMinutes(-1);
        var active = Trial();
        active.Status = SubscriptionStatus.Active;
        active.TrialEndsAt = null;

        Assert.Null(For(ended, Visa));
        Assert.Null(For(active, Visa));
    }
}
