using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace BillingPortal.Domain.Costs;

/// <summary>
/// The cost report's query string (<c>start=2026-03-01&amp;end=2026-03-08&amp;bucket=1d&amp;groupBy=agent,model</c>),
/// read strictly: each bad parameter gets its own message and nothing is queried.
/// </summary>
public static class CostQueryText
{
    public const int MaxHourlyDays = 7;
    public const int MaxDailyDays = 3_660;
    public const int MaxDailyLimit = 366;
    public const int MaxHourlyLimit = MaxHourlyDays * 24;
    public const int DefaultDailyLimit = 31;
    public const int DefaultHourlyLimit = 24;

    /// <summary>The names <c>groupBy</c> accepts, as the answer's keys name them.</summary>
    public static readonly IReadOnlyDictionary<string, CostGroups> GroupNames = new Dictionary<string, CostGroups>(StringComparer.Ordinal)
    {
        ["agent"] = CostGroups.Agent,
        ["model"] = CostGroups.Model,
        ["lineItem"] = CostGroups.LineItem,
        ["apiKey"] = CostGroups.ApiKey,
        ["user"] = CostGroups.User,
    };

    /// <summary>The query, or null with an error per bad parameter.</summary>
    public static CostQuery? Parse(
        string? start, string? end, string? bucket, string? groupBy, string? limit, string? page, IDictionary<string, string[]> errors)
    {
        var size = Bucket(bucket, errors);
        var from = Time("start", start, errors);
        var to = Time("end", end, errors);
        var groups = Groups(groupBy, errors);
        if (size is not { } s)
            return null;

        var length = s == CostBucketSize.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1);
        var unit = s == CostBucketSize.Hour ? "a whole UTC hour (like 2026-03-01T05:00:00Z)" : "a whole UTC day (a date like 2026-03-01)";
        if (from is { } f && f.Ticks % length.Ticks != 0)
            errors["start"] = [$"start must be {unit} for bucket={BucketName(s)}; it was '{start}'."];
        if (to is { } t && t.Ticks % length.Ticks != 0)
            errors["end"] = [$"end must be {unit} for bucket={BucketName(s)}; it was '{end}'."];
        if (from is { } a && to is { } b && !errors.ContainsKey("start") && !errors.ContainsKey("end"))
        {
            var maxDays = s == CostBucketSize.Hour ? MaxHourlyDays : MaxDailyDays;
            if (b <= a)
                errors["end"] = [$"end ({end}) must be after start ({start}); end is exclusive."];
            else if (b - a > TimeSpan.FromDays(maxDays))
                errors["end"] = [$"With bucket={BucketName(s)} a report covers at most {maxDays} days; ask for a shorter range."];
        }

        var (defaultLimit, maxLimit) = s == CostBucketSize.Hour ? (DefaultHourlyLimit, MaxHourlyLimit) : (DefaultDailyLimit, MaxDailyLimit);
        var count = defaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > maxLimit))
            errors["limit"] = [$"limit is the buckets in a page, a whole number from 1 to {maxLimit} for bucket={BucketName(s)}; it was '{limit}'."];

        var pageStart = from;
        if (page is not null && from is { } first && to is { } last)
        {
            pageStart = ReadPage(page);
            if (pageStart is not { } p || p < first || p >= last || (p - first).Ticks % length.Ticks != 0)
                errors["page"] = ["page must be the nextPage of an earlier answer to the same start, end and bucket, unchanged."];
        }
        return errors.Count > 0 ? null : new CostQuery(from!.Value, to!.Value, s, groups, count, pageStart!.Value);
    }

    public static string BucketName(CostBucketSize size) => size == CostBucketSize.Hour ? "1h" : "1d";

    /// <summary>The <c>nextPage</c> for the page after <paramref name="query"/>'s, or null when it is the last.</summary>
    public static string? NextPage(CostQuery query) => query.HasMore
        ? Base64Url.EncodeToString(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"c1.{query.PageEnd.Ticks}")))
        : null;

    private static DateTime? ReadPage(string text)
    {
        if (text.Length is 0 or > 64)
            return null;
        try
        {
            var parts = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(text)).Split('.');
            return parts is ["c1", var ticks] && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t <= DateTime.MaxValue.Ticks
                ? new DateTime(t, DateTimeKind.Utc)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static CostBucketSize? Bucket(string? text, IDictionary<string, string[]> errors)
    {
        switch (text)
        {
            case null or "1d":
                return CostBucketSize.Day;
            case "1h":
                return CostBucketSize.Hour;
            default:
                errors["bucket"] = [$"bucket must be 1d or 1h; it was '{text}'."];
                return null;
        }
    }

    /// <summary>A date (midnight UTC) or a time with its offset (Z or +02:00), as UTC.</summary>
    private static DateTime? Time(string name, string? text, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[name] = [$"{name} is required: a date like 2026-03-01 or a UTC time like 2026-03-01T05:00:00Z."];
            return null;
        }
        var trimmed = text.Trim();
        if (DateOnly.TryParseExact(trimmed, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        // An offset is required: a time without one would be read in the server's zone, which callers cannot see.
        if (trimmed.Length > 10 && (trimmed.EndsWith('Z') || trimmed[^6] is '+' or '-')
            && DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            && time.UtcDateTime.Year is > 1 and < 9999)
            return time.UtcDateTime;
        errors[name] = [$"{name} must be a date like 2026-03-01 or a time with its offset like 2026-03-01T05:00:00Z; it was '{text}'."];
        return null;
    }

    private static CostGroups Groups(string? text, IDictionary<string, string[]> errors)
    {
        var groups = CostGroups.None;
        foreach (var name in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!GroupNames.TryGetValue(name, out var group))
            {
                errors["groupBy"] = [$"groupBy must be a comma-separated list of {string.Join(", ", GroupNames.Keys)}; '{name}' is not one."];
                return CostGroups.None;
            }
            groups |= group;
        }
        return groups;
    }
}
