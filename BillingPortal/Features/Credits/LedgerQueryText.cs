using System.Globalization;
using BillingPortal.Domain;

namespace BillingPortal.Features.Credits;

/// <summary>
/// The ledger filter as query-string text (<c>types=Purchase,Usage&amp;from=2026-03-01&amp;to=2026-03-31</c>): read
/// strictly for the export endpoint, and written by the page for its export links.
/// </summary>
public static class LedgerQueryText
{
    /// <summary>The filter, or null with an error per bad parameter.</summary>
    public static LedgerFilter? Parse(string? types, string? from, string? to, IDictionary<string, string[]> errors)
    {
        var chosen = new List<LedgerEntryType>();
        foreach (var name in (types ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Names only: "2" or "Purchase, 4" would parse as enum numbers otherwise.
            if (!char.IsLetter(name[0]) || !Enum.TryParse<LedgerEntryType>(name, ignoreCase: true, out var type) || !Enum.IsDefined(type))
            {
                errors["types"] = [$"types must be a comma-separated list of {string.Join(", ", Enum.GetNames<LedgerEntryType>())}; '{name}' is not one."];
                break;
            }
            chosen.Add(type);
        }
        var start = Date("from", from, errors);
        var end = Date("to", to, errors);
        if (start is { } s && end is { } e && s > e)
            errors["to"] = [$"to ({to}) must not be before from ({from})."];
        return errors.Count > 0 ? null : new LedgerFilter(chosen.Distinct().ToList(), start, end);
    }

    /// <summary>The query string (without '?') for the filter and format, as <see cref="Parse"/> reads it.</summary>
    public static string Format(LedgerFilter filter, string format)
    {
        var parts = new List<string> { $"format={format}" };
        if (filter.Types.Count > 0)
            parts.Add("types=" + string.Join(',', filter.Types.Select(LedgerExport.TypeName)));
        if (filter.From is { } from)
            parts.Add("from=" + from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (filter.To is { } to)
            parts.Add("to=" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return string.Join('&', parts);
    }

    private static DateOnly? Date(string name, string? text, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        errors[name] = [$"{name} must be a date as yyyy-MM-dd; it was '{text}'."];
        return null;
    }
}
