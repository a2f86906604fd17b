namespace BillingPortal.Features.ApiKeys;

/// <summary>One key as the API keys page lists it; never its secret.</summary>
/// <param name="CreatedBy">The creator's e-mail; null for a key that came from configuration.</param>
public sealed record ApiKeyRow(
    Guid Id, string Name, string Prefix, DateTime CreatedAt, string? CreatedBy, DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A key just created: <see cref="Secret"/> is shown this once and stored nowhere.</summary>
public sealed record CreatedApiKey(string Secret, ApiKeyRow Key);

/// <summary>What a key change did: a confirmation, or the refusal (and whether it concerns the name field).</summary>
public sealed record ApiKeyResult(bool Succeeded, string Message, bool AboutName = false, CreatedApiKey? Created = null)
{
    public static ApiKeyResult Done(string message, CreatedApiKey? created = null) => new(true, message, Created: created);
    public static ApiKeyResult Refused(string message, bool aboutName = false) => new(false, message, aboutName);
}
