using System.Globalization;

namespace BillingPortal.Features.Usage;

/// <summary>The date ranges the Usage page and export accept: whole UTC days, at most a year, ending no later than today.</summary>
public static class UsageRange
{
    public const int MaxDays = 366;
    public const int DefaultDays = 30;
    public static readonly IReadOnlyList<int> Presets = [7, 30, 90];

    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>The last <paramref name="days"/> days, today included.</summary>
    public static UsageFilter LastDays(int days, DateOnly today) => new(today.AddDays(1 - days), today);

    /// <summary>Null when the range is acceptable, else why not (in words a person can act on).</summary>
    public static string? Validate(DateOnly from, DateOnly to, DateOnly today)
    {
        if (from > to)
            return $"The start ({from:yyyy-MM-dd}) is after the end ({to:yyyy-MM-dd}).";
        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
            return $"A range can cover at most {MaxDays} days.";
        if (from > today)
            return $"The start ({from:yyyy-MM-dd}) is in the future.";
        return null;
    }

    /// <summary>
    /// Reads <c>from</c>/<c>to</c> as yyyy-MM-dd (either may be missing: the last 30 days up to today),
    /// adding a message per bad field to <paramref name="errors"/>.
    /// </summary>
    public static (DateOnly From, DateOnly To) Parse(string? from, string? to, DateOnly today, IDictionary<string, string[]> errors)
    {
        var end = ParseDay("to", to, errors) ?? today;
        var start = ParseDay("from", from, errors) ?? end.AddDays(1 - DefaultDays);
        if (errors.Count == 0 && Validate(start, end, today) is { } problem)
            errors["from"] = [problem];
        return (start, end);
    }

    private static DateOnly? ParseDay(string field, string? text, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        errors[field] = [$"{field} must be a date written yyyy-MM-dd; it was '{text}'."];
        return null;
    }
}
