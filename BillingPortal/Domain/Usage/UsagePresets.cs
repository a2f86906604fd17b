namespace BillingPortal.Domain.Usage;

/// <summary>The date ranges a finance person picks most, by the name they carry in a link (<c>?range=last-month</c>).</summary>
public enum UsagePreset
{
    BillingPeriod,
    LastMonth,
    LastWeek,
    MonthToDate,
    Last7Days,
    Last30Days,
    Last90Days,
    Custom,
}

/// <summary>
/// What each preset covers on a given UTC day: whole UTC days, today the latest. Weeks are ISO weeks (Monday first).
/// "This billing period" runs from the workspace's period start to today; a workspace without a period gets the
/// month to date.
/// </summary>
public static class UsagePresets
{
    public const UsagePreset Default = UsagePreset.Last30Days;

    /// <summary>The presets in the order the page offers them, with their link name and label.</summary>
    public static readonly IReadOnlyList<(UsagePreset Preset, string Key, string Label)> All =
    [
        (UsagePreset.BillingPeriod, "period", "This billing period"),
        (UsagePreset.MonthToDate, "month-to-date", "Month to date"),
        (UsagePreset.LastMonth, "last-month", "Last month"),
        (UsagePreset.LastWeek, "last-week", "Last week"),
        (UsagePreset.Last7Days, "7d", "Last 7 days"),
        (UsagePreset.Last30Days, "30d", "Last 30 days"),
        (UsagePreset.Last90Days, "90d", "Last 90 days"),
        (UsagePreset.Custom, "custom", "Custom"),
    ];

    /// <summary>The name of a preset in a link.</summary>
    public static string KeyOf(UsagePreset preset) => All.First(p => p.Preset == preset).Key;

    /// <summary>The label a person reads.</summary>
    public static string LabelOf(UsagePreset preset) => All.First(p => p.Preset == preset).Label;

    /// <summary>The preset a link names (case-insensitive), or null when it names none.</summary>
    public static UsagePreset? Parse(string? key) =>
        All.Where(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Select(p => (UsagePreset?)p.Preset).FirstOrDefault();

    /// <summary>The first and last day of <paramref name="preset"/> on <paramref name="today"/> (not for <see cref="UsagePreset.Custom"/>).</summary>
    public static (DateOnly First, DateOnly Last) Resolve(UsagePreset preset, DateOnly today, DateOnly? periodStart = null)
    {
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var weekStart = UsageBuckets.StartOf(today, DayGrouping.Week);
        return preset switch
        {
            UsagePreset.BillingPeriod when periodStart is { } start && start <= today => (start, today),
            UsagePreset.BillingPeriod or UsagePreset.MonthToDate => (monthStart, today),
            UsagePreset.LastMonth => (monthStart.AddMonths(-1), monthStart.AddDays(-1)),
            UsagePreset.LastWeek => (weekStart.AddDays(-7), weekStart.AddDays(-1)),
            UsagePreset.Last7Days => (today.AddDays(-6), today),
            UsagePreset.Last30Days => (today.AddDays(-29), today),
            UsagePreset.Last90Days => (today.AddDays(-89), today),
            _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "A custom range has no fixed days."),
        };
    }
}
