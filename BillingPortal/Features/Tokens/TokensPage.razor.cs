using System.Security.Claims;
using BillingPortal.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BillingPortal.Features.Tokens;

/// <summary>
/// The signed-in person's own tokens, across their workspaces. Each handler goes through
/// <see cref="PersonalTokenService"/>, which checks the person's rights again when it runs.
/// </summary>
public partial class TokensPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private PersonalTokenService Tokens { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private ClaimsPrincipal user = new();
    private IReadOnlyList<PersonalTokenRow>? tokens;
    private string? refusal;
    private DateTime now;

    private string CurlHint =>
        $"""
        curl {Navigation.BaseUri}api/v1/billing/status \
          -H "Authorization: Bearer <your token>"
        """;

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        now = Clock.GetUtcNow().UtcDateTime;
        tokens = await Tokens.ListAsync(user);
    }

    private async Task CreateAsync()
    {
        var parameters = new DialogParameters<CreateTokenDialog> { { d => d.User, user } };
        var dialog = await Dialogs.ShowAsync<CreateTokenDialog>("Create personal token", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is not { Canceled: false, Data: CreatedPersonalToken created })
            return;
        refusal = null;
        await LoadAsync();
        var shown = new DialogParameters<SecretOnceDialog>
        {
            { d => d.Secret, created.Secret }, { d => d.Name, created.Token.Name }, { d => d.Noun, "token" }, { d => d.TestId, "token-secret" },
        };
        await Dialogs.ShowAsync<SecretOnceDialog>("Copy your new token", shown,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false });
    }

    private async Task RevokeAsync(PersonalTokenRow token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = "Revoke token?",
            Message = $"Scripts using \"{token.Name}\" ({token.Prefix}…) are refused from their next request. This can't be undone.",
            YesText = "Revoke",
            CancelText = "Cancel",
        });
        if (confirmed != true)
            return;
        var result = await Tokens.RevokeAsync(user, token.Id);
        refusal = result.Succeeded ? null : result.Message;
        if (result.Succeeded)
            Snackbar.Add(result.Message, Severity.Success);
        await LoadAsync();
    }
}
