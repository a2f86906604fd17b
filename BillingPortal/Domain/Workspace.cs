namespace BillingPortal.Domain;

/// <summary>A billing account: the wallet, subscription and members belong to it.</summary>
public sealed class Workspace
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public WorkspaceKind Kind { get; init; }
    public DateTime CreatedAt { get; init; }

    public List<WorkspaceMember> Members { get; init; } = [];
    public Subscription? Subscription { get; set; }
    public Wallet? Wallet { get; set; }
}

/// <summary>A user's membership in one workspace.</summary>
public sealed class WorkspaceMember
{
    public long Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string UserId { get; init; }
    public WorkspaceRole Role { get; set; }
    public WorkspacePermissions Permissions { get; set; }
    public DateTime JoinedAt { get; init; }
}
