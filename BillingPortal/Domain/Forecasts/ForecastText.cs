using System.Globalization;
using BillingPortal.Domain.Text;

namespace BillingPortal.Domain.Forecasts;

/// <summary>The forecast in words, the same on every page that shows it.</summary>
public static class ForecastText
{
    /// <summary>"At the last 7 days' pace ($3.00 a day), your allowance and credits last about 12 days, until 19 Dec 2026."</summary>
    public static string Pace(SpendForecast forecast, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(forecast);
        if (!forecast.EnoughHistory)
            return $"Not enough history yet: a forecast needs {SpendForecast.HistoryDays} complete days of usage.";
        if (forecast.WeekMicros == 0)
            return $"No usage in the last {SpendForecast.HistoryDays} days, so there is no pace to forecast from.";
        var pace = $"At the last {SpendForecast.HistoryDays} days' pace ({new Money(forecast.DailyPaceMicros).Format(culture)} a day), your allowance and credits";
        return forecast switch
        {
            { RunsOutAt: null } => $"{pace} last more than {SpendForecast.Horizon.Days} days.",
            { DaysLeft: 0, RunsOutAt: { } at } => $"{pace} last less than a day, until {DateText.Moment(at)}.",
            { DaysLeft: { } days, RunsOutAt: { } at } => $"{pace} last about {Plural.Count(days, "day", "days", culture)}, until {DateText.Day(at)}.",
            _ => pace + ".",
        };
    }

    /// <summary>"Add $25.00 when the balance falls to $8.00": about a week of usage when about two days are left.</summary>
    public static string Suggestion(AutoTopUpSuggestion suggestion, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(suggestion);
        return $"Add {new Money(suggestion.AmountMicros).Format(culture)} when the balance falls to {new Money(suggestion.ThresholdMicros).Format(culture)}: "
            + "about a week of usage, topped up with about two days left.";
    }

    /// <summary>An agent's pace: "$3.00 a day", or "Not enough history yet" (its first usage under 7 days back).</summary>
    public static string AgentPace(AgentForecast agent, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return agent.EnoughHistory ? $"{new Money(agent.DailyPaceMicros).Format(culture)} a day" : "Not enough history yet";
    }

    /// <summary>What the pace adds by the period's end ("$93.00"); empty without enough history or a period.</summary>
    public static string AgentProjection(AgentForecast agent, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return agent.ProjectedMicros is { } projected ? new Money(projected).Format(culture) : "";
    }

    /// <summary>"42%", or "under 1%" for a share above zero that rounds to none.</summary>
    public static string AgentShare(AgentForecast agent, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return agent.ShareUnderOnePercent ? "under 1%" : agent.SharePercent.ToString("N0", culture ?? CultureInfo.CurrentCulture) + "%";
    }

    /// <summary>
    /// The agent's line in one sentence, for narrow screens: "$3.00 a day; about $93.00 more by the period's end on
    /// 1 Apr 2026; 42% of the workspace's pace."
    /// </summary>
    public static string AgentSentence(AgentForecast agent, DateTime? periodEnd, CultureInfo? culture = null)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var share = $"{AgentShare(agent, culture)} of the workspace's pace.";
        if (!agent.EnoughHistory)
            return $"Not enough history yet (its first usage is under {SpendForecast.HistoryDays} days back); {share}";
        var by = agent.ProjectedMicros is not null && periodEnd is { } end
            ? $" about {AgentProjection(agent, culture)} more by the period's end on {DateText.Day(end)};"
            : "";
        return $"{AgentPace(agent, culture)};{by} {share}";
    }
}
