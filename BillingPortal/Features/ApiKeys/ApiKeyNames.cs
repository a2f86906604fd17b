using BillingPortal.Domain.Text;

namespace BillingPortal.Features.ApiKeys;

/// <summary>What a key may be called: 1 to 100 characters once trimmed, plain text (no control or direction characters).</summary>
public static class ApiKeyNames
{
    public const int MaxLength = 100;

    /// <summary>The trimmed name, or null with the reason it can't be used.</summary>
    public static (string? Name, string? Refusal) Parse(string? input)
    {
        var name = input?.Trim() ?? "";
        if (name.Length == 0)
            return (null, "Give the key a name, such as the agent or service that will use it.");
        if (name.Length > MaxLength)
            return (null, $"A key's name can be at most {MaxLength} characters (this one has {name.Length}).");
        if (CallerText.Refusal("The name", name) is { } refusal)
            return (null, refusal);
        return (name, null);
    }
}
