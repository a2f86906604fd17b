using System.Security.Claims;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingPortal.Features.Credits;

/// <summary>The workspace's credits: balance, movements, purchase and auto top-up.</summary>
public partial class CreditsPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private WorkspaceDirectory Directory { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    private ClaimsPrincipal user = new();
    private Guid workspaceId;
    private bool canManage;

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        // Fixed for the page's lifetime: switching workspace elsewhere must not retarget its buttons.
        workspaceId = (await Directory.ResolveCurrentAsync(user.UserId()))?.WorkspaceId ?? Guid.Empty;
        canManage = workspaceId != Guid.Empty
            && (await Authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Manage)).Succeeded;
    }
}
