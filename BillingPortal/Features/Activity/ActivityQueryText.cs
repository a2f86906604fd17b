using System.Globalization;
using BillingPortal.Domain.Audit;

namespace BillingPortal.Features.Activity;

/// <summary>The Activity filter as query text (<c>kind=member&amp;actor=a@b.test&amp;from=2026-03-01&amp;to=2026-03-31</c>), for the export link.</summary>
public static class ActivityQueryText
{
    /// <summary>The filter, or null with an error per bad parameter.</summary>
    public static ActivityFilter? Parse(string? kind, string? actor, string? from, string? to, IDictionary<string, string[]> errors)
    {
        var k = string.IsNullOrWhiteSpace(kind) ? null : kind.Trim();
        if (k is not null && !AuditActions.Kinds.Contains(k))
            errors["kind"] = [$"kind must be one of {string.Join(", ", AuditActions.Kinds)}."];
        var start = Date("from", from, errors);
        var end = Date("to", to, errors);
        if (start is { } s && end is { } e && s > e)
            errors["to"] = ["to must not be before from."];
        return errors.Count > 0 ? null : new ActivityFilter(k, string.IsNullOrEmpty(actor) ? null : actor, start, end);
    }

    public static string Format(ActivityFilter filter)
    {
        var parts = new List<string>();
        if (filter.Kind is { } kind)
            parts.Add("kind=" + Uri.EscapeDataString(kind));
        if (filter.Actor is { } actor)
            parts.Add("actor=" + Uri.EscapeDataString(actor));
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
        errors[name] = [$"{name} must be a date as yyyy-MM-dd."];
        return null;
    }
}
