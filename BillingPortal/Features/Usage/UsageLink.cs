using System.Globalization;
using BillingPortal.Domain.Text;
using BillingPortal.Domain.Usage;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingPortal.Features.Usage;

/// <summary>
/// What the Usage page shows, as its link carries it: a preset (or custom days), and optionally one day, agent,
/// model and API key. Everything the page can show survives a reload and can be sent to someone.
/// </summary>
public sealed record UsageView(UsagePreset Preset, DateOnly From, DateOnly To, DateOnly? Day = null, string? Agent = null, string? Model = null, Guid? ApiKeyId = null)
{
    /// <summary>The rollups' filter: the range, or the one day, with the chosen agent, model and API key.</summary>
    public UsageFilter Filter => new(Day ?? From, Day ?? To, Agent, Model, ApiKeyId);
}

/// <summary>
/// Reads and writes the Usage page's query string: <c>range</c> (a preset's name, see <see cref="UsagePresets"/>),
/// <c>from</c>/<c>to</c> (yyyy-MM-dd, for <c>range=custom</c>), <c>day</c>, <c>agent</c>, <c>model</c>, <c>apiKey</c>.
/// A link is input from anyone: a value that cannot be used is dropped with a sentence saying so, never an error page.
/// Whether an API key belongs to the workspace is the page's check (it needs the database).
/// </summary>
public static class UsageLink
{
    public const string Path = "billing/usage";
    private const int MaxNameLength = 200;

    /// <summary>The view a query string asks for, and a note per value that was ignored.</summary>
    public static (UsageView View, IReadOnlyList<string> Notes) Parse(string query, DateOnly today, DateOnly? periodStart)
    {
        var values = QueryHelpers.ParseQuery(query);
        string? One(string name) => values.TryGetValue(name, out var v) && v.Count > 0 && v[0] is { Length: > 0 } s ? s : null;
        var notes = new List<string>();

        var rangeText = One("range");
        var preset = UsagePresets.Parse(rangeText);
        if (rangeText is not null && preset is null)
            notes.Add($"The link's range \"{rangeText}\" is not one this page knows; showing the last 30 days.");
        // A link with only from/to is a custom range.
        preset ??= rangeText is null && (One("from") is not null || One("to") is not null) ? UsagePreset.Custom : UsagePresets.Default;

        DateOnly from, to;
        if (preset == UsagePreset.Custom)
        {
            var errors = new Dictionary<string, string[]>();
            (from, to) = UsageRange.Parse(One("from"), One("to"), today, errors);
            if (errors.Count > 0)
            {
                notes.Add("The link's dates were not usable (" + string.Join(" ", errors.Values.SelectMany(e => e)) + "); showing the last 30 days.");
                preset = UsagePresets.Default;
                (from, to) = UsagePresets.Resolve(preset.Value, today, periodStart);
            }
        }
        else
        {
            (from, to) = UsagePresets.Resolve(preset.Value, today, periodStart);
        }

        DateOnly? day = null;
        if (One("day") is { } dayText)
        {
            if (!DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                notes.Add($"The link's day \"{dayText}\" is not a date written yyyy-MM-dd; it was ignored.");
            else if (d < from || d > to)
                notes.Add($"The link's day {DateText.Day(d)} is outside {DateText.Days(from, to)}; it was ignored.");
            else
                day = d;
        }

        Guid? apiKey = null;
        if (One("apiKey") is { } keyText)
        {
            if (Guid.TryParse(keyText, out var id))
                apiKey = id;
            else
                notes.Add("The link's API key is not a key id; it was ignored.");
        }

        return (new UsageView(preset.Value, from, to, day, Name("agent", One("agent"), notes), Name("model", One("model"), notes), apiKey), notes);
    }

    /// <summary>The page's link for <paramref name="view"/> (relative, as NavigationManager takes it).</summary>
    public static string ToUrl(UsageView view)
    {
        var query = new List<KeyValuePair<string, string?>> { new("range", UsagePresets.KeyOf(view.Preset)) };
        if (view.Preset == UsagePreset.Custom)
        {
            query.Add(new("from", DateText.Iso(view.From)));
            query.Add(new("to", DateText.Iso(view.To)));
        }
        if (view.Day is { } day)
            query.Add(new("day", DateText.Iso(day)));
        if (view.Agent is { } agent)
            query.Add(new("agent", agent));
        if (view.Model is { } model)
            query.Add(new("model", model));
        if (view.ApiKeyId is { } apiKey)
            query.Add(new("apiKey", apiKey.ToString()));
        return QueryHelpers.AddQueryString(Path, query);
    }

    // Agent and model names are matched as given (a name with no usage shows nothing); only what no name can hold is dropped.
    private static string? Name(string field, string? text, List<string> notes)
    {
        if (text is null)
            return null;
        if (text.Length > MaxNameLength || CallerText.FirstRefused(text) >= 0)
        {
            notes.Add($"The link's {field} is not a name this page can show; it was ignored.");
            return null;
        }
        return text;
    }
}
