using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Subscriptions;

namespace BillingPortal.Domain.Forecasts;

/// <summary>What the forecast is worked out from, all read at <see cref="Now"/>.</summary>
/// <param name="FirstUsageDay">The first UTC day with usage in the daily rollups; null when the workspace has none.</param>
/// <param name="LastSevenDaysMicros">Usage cost of the 7 complete UTC days before <see cref="Now"/>'s day, oldest first.</param>
/// <param name="CreditBalanceMicros">Purchased credits; below zero after an overdraft.</param>
/// <param name="AllowanceResetsAt">When the allowance is next set back (<see cref="SubscriptionDates.ChangesAt"/>).</param>
/// <param name="AllowanceAfterResetMicros">What it is set back to: the plan's allowance (a pending plan's, when one applies then).</param>
/// <param name="CycleAnchor">The anchor later resets follow (<see cref="BillingCycle.NextPeriodEnd"/>).</param>
public sealed record SpendForecastInput(
    DateTime Now,
    DateOnly? FirstUsageDay,
    IReadOnlyList<long> LastSevenDaysMicros,
    long AllowanceRemainingMicros,
    long CreditBalanceMicros,
    DateTime AllowanceResetsAt,
    long AllowanceAfterResetMicros,
    DateTime CycleAnchor);

/// <summary>
/// "At the last 7 days' pace, your allowance and credits last about N days": a straight line through the last seven
/// complete UTC days, with the allowance set back at each period end (and an overdraft moved onto that period's invoice,
/// as the billing worker does). Runs are refused once allowance plus credits
/// reach zero (<c>RunAdmission</c>), so the line stops there: it never spends past them, and future purchases and
/// automatic top-ups are not counted (they are what the suggestion is for). Integer micro-dollars throughout.
/// </summary>
/// <param name="EnoughHistory">The workspace's first usage is at least 7 complete days back; otherwise nothing else is set.</param>
/// <param name="WeekMicros">The last 7 days' usage cost: the pace, exactly (what every computation below uses).</param>
/// <param name="DailyPaceMicros">A seventh of it, rounded up to the micro-dollar: shown, never computed with.</param>
/// <param name="DaysLeft">Whole days until <paramref name="RunsOutAt"/>, rounded down; null when there is no spend or they
/// last past <see cref="Horizon"/>.</param>
/// <param name="RunsOutAt">When allowance plus credits reach zero at this pace; null as <paramref name="DaysLeft"/>.</param>
/// <param name="SuggestedTopUp">An auto top-up that fits this pace; null without enough history or spend.</param>
public sealed record SpendForecast(
    bool EnoughHistory,
    long WeekMicros,
    long DailyPaceMicros,
    int? DaysLeft,
    DateTime? RunsOutAt,
    AutoTopUpSuggestion? SuggestedTopUp)
{
    /// <summary>How far the line is drawn: past this, "more than 90 days" (seven days say little about a season).</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(90);

    public const int HistoryDays = 7;

    private static readonly long WeekTicks = TimeSpan.FromDays(HistoryDays).Ticks;

    public static SpendForecast NotEnoughHistory { get; } = new(false, 0, 0, null, null, null);

    /// <summary>
    /// Enough history means the first usage falls on or before the first of the 7 days, so each of them was a day the
    /// workspace was in use (a workspace that started 3 days ago would show a pace 7/3 too low).
    /// </summary>
    public static bool HasEnoughHistory(DateOnly? firstUsageDay, DateTime now) =>
        firstUsageDay is { } first && first <= DateOnly.FromDateTime(now).AddDays(-HistoryDays);

    public static SpendForecast For(SpendForecastInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.LastSevenDaysMicros.Count != HistoryDays)
            throw new ArgumentException($"The forecast needs exactly {HistoryDays} days; it was given {input.LastSevenDaysMicros.Count}.", nameof(input));
        if (input.LastSevenDaysMicros.Any(d => d < 0))
            throw new ArgumentOutOfRangeException(nameof(input), "A day's usage cost is never negative.");
        if (!HasEnoughHistory(input.FirstUsageDay, input.Now))
            return NotEnoughHistory;

        var week = input.LastSevenDaysMicros.Sum();
        if (week == 0)
            return new(true, 0, 0, null, null, null);
        var runsOut = RunsOut(input, week);
        int? daysLeft = runsOut is { } at ? (int)((at - input.Now).Ticks / TimeSpan.TicksPerDay) : null;
        return new(true, week, CeilDiv(week, HistoryDays), daysLeft, runsOut, AutoTopUpSuggestion.ForWeek(week));
    }

    /// <summary>
    /// Usage so far plus the usage this pace adds from <paramref name="now"/> to <paramref name="until"/> (the invoice's
    /// date), spending the allowance first and stopping where allowance plus credits reach zero, as runs do. The projected
    /// spend is rounded down to the micro-dollar. The credit balance drops by what credits pay.
    /// </summary>
    public static PeriodUsage ProjectUsage(PeriodUsage soFar, long allowanceMicros, long creditMicros, long weekMicros, DateTime now, DateTime until)
    {
        ArgumentNullException.ThrowIfNull(soFar);
        if (weekMicros <= 0 || until <= now)
            return soFar;
        var spent = Spend(weekMicros, until - now, Funds(allowanceMicros, creditMicros));
        var fromAllowance = Math.Min(Math.Max(allowanceMicros, 0), spent);
        var fromCredits = spent - fromAllowance;
        return soFar with
        {
            FromAllowanceMicros = checked(soFar.FromAllowanceMicros + fromAllowance),
            FromCreditsMicros = checked(soFar.FromCreditsMicros + fromCredits),
            CreditBalanceMicros = checked(soFar.CreditBalanceMicros - fromCredits),
        };
    }

    // Walks period by period: spend at the pace until the funds are gone (the answer) or the allowance is set back.
    private static DateTime? RunsOut(SpendForecastInput input, long week)
    {
        var horizon = input.Now + Horizon;
        var at = input.Now;
        var allowance = input.AllowanceRemainingMicros;
        var credit = input.CreditBalanceMicros;
        // A reset the worker has not applied yet happens when it next runs: now.
        var reset = input.AllowanceResetsAt > at ? input.AllowanceResetsAt : at;
        while (true)
        {
            var funds = Funds(allowance, credit);
            if (funds == 0)
                return at;
            var segmentEnd = reset < horizon ? reset : horizon;
            // Rounded down to the tick: the date shown is never later than the line reaches.
            var ticksToEmpty = (Int128)funds * WeekTicks / week;
            if (ticksToEmpty < (segmentEnd - at).Ticks)
                return at.AddTicks((long)ticksToEmpty);
            if (segmentEnd == horizon)
                return null;
            var spent = Spend(week, segmentEnd - at, funds);
            var fromAllowance = Math.Min(Math.Max(allowance, 0), spent);
            credit -= spent - fromAllowance;
            // The period's invoice takes over the overdraft in whole cents (the billing worker's rule), then the allowance is set back.
            credit += new PeriodUsage(0, 0, credit, []).OverageMicros;
            allowance = input.AllowanceAfterResetMicros;
            at = segmentEnd;
            reset = BillingCycle.NextPeriodEnd(input.CycleAnchor, segmentEnd);
        }
    }

    // What runs may still spend: allowance plus credits (an overdraft counts against the allowance), never below zero.
    private static long Funds(long allowance, long credit) => (long)Int128.Clamp((Int128)allowance + credit, 0, long.MaxValue);

    // The pace over a span, rounded down to the micro-dollar, never more than the funds.
    private static long Spend(long week, TimeSpan span, long funds) =>
        (long)Int128.Min((Int128)week * span.Ticks / WeekTicks, funds);

    internal static long CeilDiv(long value, long by) => value / by + (value % by > 0 ? 1 : 0);
}
