using BillingPortal.Domain.Text;
using BillingPortal.Domain.Usage;

namespace BillingPortal.Features.Metering;

/// <summary>Collects validation messages of one event under its JSON path.</summary>
internal sealed class FieldErrors(string prefix, Dictionary<string, string[]> errors)
{
    public bool Any { get; private set; }

    public void Add(string field, string message)
    {
        Any = true;
        var path = field.Length == 0 ? prefix : prefix.Length == 0 ? field : $"{prefix}.{field}";
        errors[path] = errors.TryGetValue(path, out var existing) ? [.. existing, message] : [message];
    }

    /// <summary>Trimmed plain text (no control or direction characters) within <paramref name="max"/> characters; null (after an error if required) when absent.</summary>
    public string? Text(string field, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
                Add(field, $"{field} is required.");
            return null;
        }
        var text = value.Trim();
        if (text.Length > max)
            Add(field, $"{field} is at most {max} characters; it has {text.Length}.");
        if (CallerText.Refusal(field, text) is { } refusal)
            Add(field, refusal);
        return text;
    }

    /// <summary>The value when it lies in [min, max]; otherwise an error and -1.</summary>
    public long Range(string field, long? value, long min, long max)
    {
        if (value is not { } v)
            return -1;
        if (v >= min && v <= max)
            return v;
        Add(field, $"{field} must be {min} to {max}; it was {v}.");
        return -1;
    }
}

/// <summary>The API's names of line items: llm, tool, storage.</summary>
public static class LineItemNames
{
    public static string Of(LineItemKind kind) => kind switch
    {
        LineItemKind.Llm => "llm",
        LineItemKind.Tool => "tool",
        LineItemKind.Storage => "storage",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown line item."),
    };

    public static bool TryParse(string? name, out LineItemKind kind)
    {
        kind = name switch { "llm" => LineItemKind.Llm, "tool" => LineItemKind.Tool, "storage" => LineItemKind.Storage, _ => (LineItemKind)(-1) };
        return Enum.IsDefined(kind);
    }
}
