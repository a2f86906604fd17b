namespace BillingPortal.Domain.Usage;

/// <summary>
/// A workspace's key for the metering API. The secret is shown once at creation; only its SHA-256
/// hash is stored, with a short prefix so people can tell their keys apart.
/// </summary>
public sealed class ApiKey
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid WorkspaceId { get; init; }
    public required string Name { get; set; }
    public required string Prefix { get; init; }
    public required string SecretHash { get; init; }
    public DateTime CreatedAt { get; init; }
    public string? CreatedByUserId { get; init; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
