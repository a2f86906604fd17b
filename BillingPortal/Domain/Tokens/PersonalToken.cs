namespace BillingPortal.Domain.Tokens;

/// <summary>
/// A person's token for the billing API, the CLI and the MCP server: one user, one workspace, one scope. The
/// secret is shown once at creation; only its SHA-256 hash is stored, with a short prefix to tell tokens apart.
/// What it may do is never more than its owner may do in the workspace at the moment of each request
/// (<see cref="TokenRights"/>).
/// </summary>
public sealed class PersonalToken
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string UserId { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string Name { get; init; }
    public TokenScope Scope { get; init; }
    public required string Prefix { get; init; }
    public required string SecretHash { get; init; }
    public DateTime CreatedAt { get; init; }
    /// <summary>Null for a token that never expires.</summary>
    public DateTime? ExpiresAt { get; init; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
