using BillingPortal.Domain.Text;

namespace BillingPortal.Domain.Tokens;

/// <summary>What a token may be called: 1 to 100 characters once trimmed, plain text (no control or direction characters).</summary>
public static class TokenNames
{
    public const int MaxLength = 100;

    /// <summary>The trimmed name, or null with the reason it can't be used.</summary>
    public static (string? Name, string? Refusal) Parse(string? input)
    {
        var name = input?.Trim() ?? "";
        if (name.Length == 0)
            return (null, "Give the token a name, such as the laptop, script or pipeline that will use it.");
        if (name.Length > MaxLength)
            return (null, $"A token's name can be at most {MaxLength} characters (this one has {name.Length}).");
        return CallerText.Refusal("The name", name) is { } refusal ? (null, refusal) : (name, null);
    }
}
