using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Features.Members.Invitations;
using BillingPortal.Features.Members.Membership;
using BillingPortal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BillingPortal.Features.Members;

/// <summary>
/// The members of the workspace being viewed. Each handler goes through <see cref="MemberService"/>, which
/// checks the user's right again, so a user demoted while the page is open is refused on the next click.
/// </summary>
public partial class MembersPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private MemberService Members { get; set; } = default!;
    [Inject] private InvitationService Invitations { get; set; } = default!;
    [Inject] private WorkspaceDirectory Directory { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private ClaimsPrincipal user = new();
    private Guid workspaceId;
    private MemberRoster? roster;
    private IReadOnlyList<PendingInvitationRow>? pending;
    private string? refusal;
    private bool loaded;

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        // Fixed for the page's lifetime: switching workspace elsewhere must not retarget these buttons.
        workspaceId = (await Directory.ResolveCurrentAsync(user.UserId()))?.WorkspaceId ?? Guid.Empty;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        roster = await Members.ListAsync(user, workspaceId);
        pending = roster is null ? null : await Invitations.ListPendingAsync(user, workspaceId);
        loaded = true;
    }

    private IEnumerable<WorkspaceRole> RoleOptions(MemberRow row) =>
        roster!.AssignableRoles.Contains(row.Role) ? roster.AssignableRoles : [row.Role, .. roster.AssignableRoles];

    private Task ChangeRoleAsync(MemberRow row, WorkspaceRole role) =>
        ApplyAsync(Members.ChangeRoleAsync(user, workspaceId, row.MemberId, role));

    private Task SetBillingReadAsync(MemberRow row, bool granted) =>
        ApplyAsync(Members.SetBillingReadAsync(user, workspaceId, row.MemberId, granted));

    private async Task RemoveAsync(MemberRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = "Remove member?",
            Message = $"{row.Email} will lose access to {roster?.WorkspaceName} at once.",
            YesText = "Remove",
            CancelText = "Cancel",
        });
        if (confirmed == true)
            await ApplyAsync(Members.RemoveAsync(user, workspaceId, row.MemberId));
    }

    private async Task RevokeAsync(PendingInvitationRow row)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = "Revoke invitation?",
            Message = $"The link sent to {row.Email} will stop working. You can invite them again later.",
            YesText = "Revoke",
            CancelText = "Cancel",
        });
        if (confirmed == true)
            await ApplyAsync(Invitations.RevokeAsync(user, workspaceId, row.Id));
    }

    private async Task ApplyAsync(Task<MemberResult> change)
    {
        var result = await change;
        refusal = result.Succeeded ? null : result.Message;
        if (result.Succeeded)
            Snackbar.Add(result.Message, Severity.Success);
        // Reload either way: a refused switch or select snaps back to what is stored.
        await LoadAsync();
    }
}
