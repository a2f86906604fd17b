namespace BillingPortal.Domain.Tokens;

/// <summary>
/// What a token may do right now: the lesser of its scope and its owner's current standing in the workspace, so
/// a demotion or a removal takes the power away at once, and a token never grants what its owner lacks.
/// </summary>
public static class TokenRights
{
    /// <summary>The scope that holds now, or null when the owner may not even read billing (or is no longer a member).</summary>
    public static TokenScope? Effective(TokenScope scope, WorkspaceRole? role, WorkspacePermissions permissions)
    {
        if (role is not { } current || !BillingAccessRules.CanRead(current, permissions))
            return null;
        return scope == TokenScope.BillingManage && BillingAccessRules.CanManage(current) ? TokenScope.BillingManage : TokenScope.BillingRead;
    }

    /// <summary>Whether a person with this standing may make a token of <paramref name="scope"/> at all.</summary>
    public static bool MayCreate(TokenScope scope, WorkspaceRole role, WorkspacePermissions permissions) =>
        scope == TokenScope.BillingManage ? BillingAccessRules.CanManage(role) : BillingAccessRules.CanRead(role, permissions);
}
