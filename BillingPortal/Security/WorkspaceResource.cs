namespace BillingPortal.Security;

/// <summary>Which workspace an authorization resource names, for the membership-based handlers.</summary>
internal static class WorkspaceResource
{
    /// <summary>
    /// The workspace the resource names (a workspace id, a <see cref="WorkspaceAccess"/>, or a request whose
    /// route has <c>workspaceId</c>); <see cref="Guid.Empty"/> when it names one that cannot exist; null when it
    /// names none, meaning the user's current workspace.
    /// </summary>
    public static Guid? From(object? resource) => resource switch
    {
        Guid id => id,
        WorkspaceAccess access => access.WorkspaceId,
        HttpContext http when http.GetRouteValue("workspaceId") is { } value =>
            Guid.TryParse(value.ToString(), out var id) ? id : Guid.Empty,
        _ => null,
    };

    /// <summary>The user's standing in the named workspace (strict: a non-member gets null), or in the current one.</summary>
    public static async Task<WorkspaceAccess?> ResolveAsync(WorkspaceDirectory directory, string userId, object? resource) =>
        From(resource) switch
        {
            { } id when id == Guid.Empty => null,
            { } id => await directory.FindAsync(userId, id),
            null => await directory.ResolveCurrentAsync(userId),
        };
}
