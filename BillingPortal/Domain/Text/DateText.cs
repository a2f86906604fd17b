using System.Globalization;

namespace BillingPortal.Domain.Text;

/// <summary>
/// The one way dates and times are written, on every page, PDF, notice and e-mail: the day first and the month by
/// name ("6 Dec 2026"), so no reader in any locale can take 6/12 for 12/6; a time always names its zone (UTC, the
/// zone every period, rollup and ledger entry is kept in). Exports and APIs use ISO 8601 (<see cref="Iso"/>).
/// </summary>
public static class DateText
{
    // English month names whatever the UI culture: the product's words are English, and a fixed form keeps pages,
    // PDFs and notices identical for every reader.
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>The format of <see cref="Day(DateOnly)"/>, for date pickers that take a format string (their culture is English).</summary>
    public const string DayFormat = "d MMM yyyy";

    /// <summary>A day: "6 Dec 2026".</summary>
    public static string Day(DateOnly day) => day.ToString(DayFormat, English);

    /// <summary>The UTC day of an instant: "6 Dec 2026".</summary>
    public static string Day(DateTime utc) => Day(DateOnly.FromDateTime(utc));

    /// <summary>A day where the year is clear from the context (a chart's axis, a range's first day): "6 Dec".</summary>
    public static string DayInYear(DateOnly day) => day.ToString("d MMM", English);

    /// <summary>A calendar month, for a chart's bar of a month: "Dec 2026".</summary>
    public static string Month(DateOnly day) => day.ToString("MMM yyyy", English);

    /// <summary>An instant to the minute, zone named: "6 Dec 2026, 00:30 UTC".</summary>
    public static string Moment(DateTime utc) => utc.ToString("d MMM yyyy, HH:mm", English) + " UTC";

    /// <summary>An instant to the second, zone named, for runs and events: "6 Dec 2026, 00:30:05 UTC".</summary>
    public static string MomentToSecond(DateTime utc) => utc.ToString("d MMM yyyy, HH:mm:ss", English) + " UTC";

    /// <summary>A time of day today, zone named: "00:30 UTC".</summary>
    public static string Time(DateTime utc) => utc.ToString("HH:mm", English) + " UTC";

    /// <summary>A time of day, for the end of a span whose day is already given: "00:30:05".</summary>
    public static string TimeToSecond(DateTime utc) => utc.ToString("HH:mm:ss", English);

    /// <summary>Days from <paramref name="first"/> to <paramref name="last"/>, both included: "22 Nov – 21 Dec 2026", "6 Dec 2026".</summary>
    public static string Days(DateOnly first, DateOnly last) =>
        first == last ? Day(first)
        : first.Year == last.Year ? $"{DayInYear(first)} – {Day(last)}"
        : $"{Day(first)} – {Day(last)}";

    /// <summary>
    /// A billing period from its start to its exclusive end instant, written as the days it covers: a period of
    /// 22 Nov 00:00 to 22 Dec 00:00 is "22 Nov – 21 Dec 2026", so two periods in a row never seem to share a day.
    /// </summary>
    public static string Period(DateTime startUtc, DateTime endExclusiveUtc)
    {
        var first = DateOnly.FromDateTime(startUtc);
        var last = DateOnly.FromDateTime(endExclusiveUtc.AddTicks(-1));
        return Days(first, last < first ? first : last);
    }

    /// <summary>ISO 8601 in UTC for exports and APIs: "2026-12-06T00:30:00Z".</summary>
    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", English);

    /// <summary>ISO 8601 day for exports, file names and links: "2026-12-06".</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", English);
}
