using BillingPortal.Domain.Subscriptions;

namespace BillingPortal.Domain.Budgets;

/// <summary>The workspace's billing cycle as budgets need it: the anchor, and the current period (which may sit off the anchor's cycle after a conversion).</summary>
public readonly record struct BillingWindow(DateTime Anchor, DateTime CurrentStart, DateTime CurrentEnd);

/// <summary>
/// Which period of a budget an instant falls in. Days, ISO weeks (from Monday) and calendar months are UTC; the billing
/// period is the subscription's current one, or a period of its anchor's monthly cycle for other instants. Pure.
/// </summary>
public static class BudgetPeriods
{
    /// <summary>[Start, End) of the <paramref name="period"/> holding <paramref name="at"/>; null for a billing period without a subscription.</summary>
    public static (DateTime Start, DateTime End)? Window(BudgetPeriod period, DateTime at, BillingWindow? billing)
    {
        var day = DateTime.SpecifyKind(at.Date, DateTimeKind.Utc);
        switch (period)
        {
            case BudgetPeriod.Day:
                return (day, day.AddDays(1));
            case BudgetPeriod.Week:
                var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                return (monday, monday.AddDays(7));
            case BudgetPeriod.Month:
                var first = new DateTime(at.Year, at.Month, 1, 0, 0, 0, DateTimeKind.Utc);
                return (first, first.AddMonths(1));
            case BudgetPeriod.BillingPeriod:
                return billing is { } cycle ? BillingPeriod(cycle, at) : null;
            default:
                throw new ArgumentOutOfRangeException(nameof(period), period, "Unknown budget period.");
        }
    }

    /// <summary>The start of the period holding <paramref name="at"/>, or null (see <see cref="Window"/>).</summary>
    public static DateTime? Start(BudgetPeriod period, DateTime at, BillingWindow? billing) => Window(period, at, billing)?.Start;

    private static (DateTime Start, DateTime End) BillingPeriod(BillingWindow cycle, DateTime at)
    {
        if (at >= cycle.CurrentStart && at < cycle.CurrentEnd)
            return (cycle.CurrentStart, cycle.CurrentEnd);
        // Period k is [anchor + k months, anchor + k+1 months): start from the whole months between, at most one off.
        var k = (at.Year - cycle.Anchor.Year) * 12 + at.Month - cycle.Anchor.Month;
        while (cycle.Anchor.AddMonths(k) > at)
            k--;
        while (cycle.Anchor.AddMonths(k + 1) <= at)
            k++;
        return (cycle.Anchor.AddMonths(k), cycle.Anchor.AddMonths(k + 1));
    }
}
