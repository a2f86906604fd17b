using BillingPortal.Domain.Subscriptions;
using BillingPortal.Domain;
using BillingPortal.Features.Overview;

namespace BillingPortal.Tests.Features.Overview;

/// <summary>Overview models for component tests, built the way the service builds them.</summary>
internal static class OverviewSamples
{
    public static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    public static PlanSummary Pro => new("pro", "Pro", Money.FromDollars(49), Money.FromDollars(25));

    public static SubscriptionSummary Subscription(SubscriptionStatus status, int? trialDaysLeft = null, bool hasCard = true)
    {
        var next = status == SubscriptionStatus.Trial ? Now.AddDays(trialDaysLeft ?? 0) : Now.AddDays(20);
        var dates = status != SubscriptionStatus.Trial ? new SubscriptionDates(Now.AddDays(20), Now.AddDays(20))
            : hasCard ? new SubscriptionDates(next, next) : new SubscriptionDates(Now.AddDays(20), null);
        return new(status, trialDaysLeft, next, Now.AddDays(20), dates, TrialEndsAt: status == SubscriptionStatus.Trial ? next : null);
    }

    public static RecentLedgerEntry Entry(long id, LedgerEntryType type, long creditMicros, long allowanceMicros, long balanceAfterMicros, string description) =>
        new(id, type, description, Now.AddHours(-id), new Money(creditMicros), new Money(allowanceMicros), new Money(balanceAfterMicros), Money.Zero);
}
