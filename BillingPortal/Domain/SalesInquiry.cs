namespace BillingPortal.Domain;

/// <summary>An Enterprise "contact sales" request from a workspace's billing manager.</summary>
public sealed class SalesInquiry
{
    public long Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string UserId { get; init; }
    public required string Name { get; init; }
    public required string Email { get; init; }
    public required string Company { get; init; }
    public int Seats { get; init; }
    public required string Message { get; init; }
    public DateTime CreatedAt { get; init; }
}
