using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace BillingPortal.Cli.Commands;

/// <summary>The options several commands share, each made new per command (an option belongs to one parent).</summary>
internal static class Options
{
    /// <summary>A command whose only option is <c>--json</c>.</summary>
    public static Command WithJson(string name, string description, Func<bool, CancellationToken, Task<int>> run)
    {
        var json = Json();
        var command = new Command(name, description) { json };
        command.SetAction((parse, ct) => run(parse.GetValue(json), ct));
        return command;
    }

    public static Option<bool> Json() => new("--json") { Description = "Print JSON (the shapes docs/cli.md documents) instead of a table." };

    public static Option<bool> NoBrowser() => new("--no-browser")
    {
        Description = "Print the URL without opening a browser (as BILLING_NO_BROWSER=1 does).",
    };

    public static Option<int> Limit(int fallback, int max, string what) => new("--limit")
    {
        Description = $"How many {what} to show, 1 to {max} (default {fallback}).",
        DefaultValueFactory = _ => fallback,
        CustomParser = result => ParseLimit(result, max),
    };

    private static int ParseLimit(ArgumentResult result, int max)
    {
        var text = result.Tokens.Single().Value;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= max)
            return limit;
        result.AddError($"--limit must be from 1 to {max}; '{text}' is not.");
        return 0;
    }

    /// <summary>
    /// <c>--since</c> as <c>7d</c> (the last 7 days: from 7 days before today, UTC) or a date <c>2026-03-01</c>;
    /// the first day counted, inclusive.
    /// </summary>
    public static Option<DateOnly?> Since(CliContext context, string? fallback) => new("--since")
    {
        Description = $"From this day on: Nd (the last N days, e.g. 7d or 30d) or a date yyyy-MM-dd, UTC{(fallback is null ? "" : $" (default {fallback})")}.",
        HelpName = "7d|30d|DATE",
        CustomParser = result => ParseSince(result, context.Today),
        DefaultValueFactory = fallback is null ? null : result => SinceFrom(fallback, context.Today),
    };

    private static DateOnly? ParseSince(ArgumentResult result, DateOnly today)
    {
        var text = result.Tokens.Single().Value;
        if (SinceFrom(text, today) is { } day)
            return day;
        result.AddError($"--since must be a number of days like 7d or a date like 2026-03-01; '{text}' is neither.");
        return null;
    }

    internal static DateOnly? SinceFrom(string text, DateOnly today)
    {
        text = text.Trim();
        if (text.Length > 1 && text[^1] is 'd' or 'D'
            && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 3650)
            return today.AddDays(-days);
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }
}
