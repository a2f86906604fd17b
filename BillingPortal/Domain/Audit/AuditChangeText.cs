using System.Text.Json;

namespace BillingPortal.Domain.Audit;

/// <summary>
/// A stored change read back for people: one line per field, "role: Member → Admin". Plain text (the page encodes it);
/// a value that is not a JSON object reads as nothing rather than failing the page.
/// </summary>
public static class AuditChangeText
{
    public const string None = "—";

    public static IReadOnlyList<string> Lines(string? before, string? after)
    {
        var old = Read(before);
        var @new = Read(after);
        var fields = old.Keys.Concat(@new.Keys).Distinct(StringComparer.Ordinal);
        return [.. fields.Select(f => $"{f}: {Value(old, f)} → {Value(@new, f)}")];
    }

    private static string Value(Dictionary<string, string> values, string field) => values.TryGetValue(field, out var v) ? v : None;

    private static Dictionary<string, string> Read(string? json)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
            return values;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                return values;
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                // Money is stored as micro-dollars for exactness; people read it as dollars ("threshold: $0.00 → $5.00").
                if (p.Name.EndsWith("Micros", StringComparison.Ordinal) && p.Name.Length > 6
                    && p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.Null)
                {
                    values[p.Name[..^6]] = p.Value.TryGetInt64(out var micros)
                        ? Text.MoneyFormat.Exact(new Money(micros), System.Globalization.CultureInfo.InvariantCulture)
                        : None;
                    continue;
                }
                values[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.Null => None,
                    JsonValueKind.String => p.Value.GetString() ?? None,
                    JsonValueKind.True => "yes",
                    JsonValueKind.False => "no",
                    _ => p.Value.GetRawText(),
                };
            }
        }
        catch (JsonException)
        {
        }
        return values;
    }
}
