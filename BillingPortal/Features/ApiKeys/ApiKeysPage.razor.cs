using System.Security.Claims;
using BillingPortal.Components.Shared;
using BillingPortal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BillingPortal.Features.ApiKeys;

/// <summary>
/// The API keys of the workspace being viewed. Each handler goes through <see cref="ApiKeyService"/>, which
/// checks the user's right again, so a user demoted while the page is open is refused on the next click.
/// </summary>
public partial class ApiKeysPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private ApiKeyService ApiKeys { get; set; } = default!;
    [Inject] private WorkspaceDirectory Directory { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private ClaimsPrincipal user = new();
    private Guid workspaceId;
    private IReadOnlyList<ApiKeyRow>? keys;
    private string? refusal;
    private bool loaded;

    private string CurlHint =>
        $"""
        curl -X POST {Navigation.BaseUri}api/v1/runs/authorize \
          -H "Authorization: Bearer <your key>" \
          -H "Content-Type: application/json" \
          -d '{"{"}"agent": "support-bot"{"}"}'
        """;

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        // Fixed for the page's lifetime: switching workspace elsewhere must not retarget these buttons.
        workspaceId = (await Directory.ResolveCurrentAsync(user.UserId()))?.WorkspaceId ?? Guid.Empty;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        keys = await ApiKeys.ListAsync(user, workspaceId);
        loaded = true;
    }

    private async Task CreateAsync()
    {
        var parameters = new DialogParameters<CreateApiKeyDialog> { { d => d.User, user }, { d => d.WorkspaceId, workspaceId } };
        var dialog = await Dialogs.ShowAsync<CreateApiKeyDialog>("Create API key", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: CreatedApiKey created })
            return;
        refusal = null;
        await LoadAsync();
        var shown = new DialogParameters<SecretOnceDialog> { { d => d.Secret, created.Secret }, { d => d.Name, created.Key.Name } };
        await Dialogs.ShowAsync<SecretOnceDialog>("Copy your new key", shown,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false });
    }

    private async Task RevokeAsync(ApiKeyRow key)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = "Revoke key?",
            Message = $"Agents using \"{key.Name}\" ({key.Prefix}…) are refused from their next request. This can't be undone.",
            YesText = "Revoke",
            CancelText = "Cancel",
        });
        if (confirmed != true)
            return;
        var result = await ApiKeys.RevokeAsync(user, workspaceId, key.Id);
        refusal = result.Succeeded ? null : result.Message;
        if (result.Succeeded)
            Snackbar.Add(result.Message, Severity.Success);
        await LoadAsync();
    }
}
