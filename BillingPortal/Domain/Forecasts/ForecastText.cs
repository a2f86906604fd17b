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
}
