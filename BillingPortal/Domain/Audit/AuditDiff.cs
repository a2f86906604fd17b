using System.Text.Json;
using System.Text.Json.Nodes;

namespace BillingPortal.Domain.Audit;

/// <summary>
/// What changed, from what to what: of two snapshots (field → value) only the fields whose values differ are kept,
/// each side as a small JSON object. A new target has no "before", a removed one no "after". Values are plain data
/// (strings, numbers, booleans, null), so the JSON reads the same on every provider and in the CSV.
/// </summary>
public static class AuditDiff
{
    /// <summary>The longest JSON kept per side; a longer snapshot is a caller's bug, not something to store.</summary>
    public const int MaxJsonLength = 4000;

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public static (string? Before, string? After) Between(IReadOnlyDictionary<string, object?>? before, IReadOnlyDictionary<string, object?>? after)
    {
        if (before is null || after is null)
            return (Serialize(before), Serialize(after));
        var changed = before.Keys.Union(after.Keys, StringComparer.Ordinal)
            .Where(k => !JsonEquals(before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .ToList();
        if (changed.Count == 0)
            return (null, null);
        return (Serialize(Pick(before, changed)), Serialize(Pick(after, changed)));
    }

    /// <summary>True when the snapshots differ in at least one field (a "save" that changed nothing records nothing).</summary>
    public static bool Changes(IReadOnlyDictionary<string, object?>? before, IReadOnlyDictionary<string, object?>? after) =>
        Between(before, after) is not (null, null);

    private static Dictionary<string, object?> Pick(IReadOnlyDictionary<string, object?> values, List<string> keys) =>
        keys.ToDictionary(k => k, k => values.GetValueOrDefault(k), StringComparer.Ordinal);

    private static bool JsonEquals(object? a, object? b) =>
        JsonNode.DeepEquals(JsonSerializer.SerializeToNode(a, Json), JsonSerializer.SerializeToNode(b, Json));

    private static string? Serialize(IReadOnlyDictionary<string, object?>? values)
    {
        if (values is null)
            return null;
        var text = JsonSerializer.Serialize(values, Json);
        if (text.Length > MaxJsonLength)
            throw new ArgumentException($"An audit snapshot must stay under {MaxJsonLength} characters of JSON; record fewer fields.", nameof(values));
        return text;
    }
}
