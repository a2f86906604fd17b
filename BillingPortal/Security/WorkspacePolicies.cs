using BillingPortal.Domain;
using Microsoft.AspNetCore.Authorization;

namespace BillingPortal.Security;

/// <summary>Workspace administration (members, API keys), apart from billing.</summary>
public static class WorkspacePolicies
{
    /// <summary>Owner and Admin: add and remove members, change roles, grant <c>billing:read</c>.</summary>
    public const string ManageMembers = "workspace:members";
}

/// <summary>Met when the user is Owner or Admin of the workspace being viewed.</summary>
public sealed class ManageMembersRequirement : IAuthorizationRequirement;
