using System.Security.Claims;
using BillingPortal.Domain.Payments;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BillingPortal.Features.Payments.Methods;

/// <summary>
/// Cards on file and the charge history. Each action goes through <see cref="PaymentMethodService"/>, which checks
/// billing:manage again, so a user demoted while the page is open is refused on the next click.
/// </summary>
public partial class PaymentPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private WorkspaceDirectory Directory { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private PaymentMethodService Methods { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary><c>?setup={id}</c>: the card setup the customer comes back from.</summary>
    [SupplyParameterFromQuery(Name = "setup")] public Guid? Setup { get; set; }

    private ClaimsPrincipal user = new();
    private Guid workspaceId;
    private bool canManage;
    private IReadOnlyList<CardOnFile>? cards;
    private string? setupMessage;
    private Severity setupSeverity = Severity.Success;
    private string? refusal;
    private bool busy;
    private bool loaded;

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        // Fixed for the page's lifetime: switching workspace elsewhere must not retarget these buttons.
        var access = await Directory.ResolveCurrentAsync(user.UserId());
        workspaceId = access is { CanReadBilling: true } ? access.WorkspaceId : Guid.Empty;
        canManage = workspaceId != Guid.Empty && (await Authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Manage)).Succeeded;
        if (workspaceId != Guid.Empty)
        {
            if (Setup is { } setupId)
                ShowSetup(await Methods.SetupStatusAsync(workspaceId, setupId));
            cards = await Methods.ListCardsAsync(workspaceId);
        }
        loaded = true;
    }

    private void ShowSetup(CardSetupStatus? status)
    {
        (setupMessage, setupSeverity) = status switch
        {
            CardSetupStatus.Completed => ("Card added.", Severity.Success),
            CardSetupStatus.Pending => ("We're still waiting for your bank to confirm the card. It appears here once confirmed.", Severity.Info),
            CardSetupStatus.Canceled => ("Adding the card was canceled. Nothing was saved.", Severity.Warning),
            _ => (null, Severity.Normal),
        };
    }

    private async Task AddCardAsync() => await RunAsync(() => Methods.StartAddCardAsync(user, workspaceId, Navigation.BaseUri));

    private async Task OpenPortalAsync() => await RunAsync(() => Methods.StartPortalAsync(user, workspaceId, Navigation.Uri));

    private async Task SetDefaultAsync(CardOnFile card) => await RunAsync(() => Methods.SetDefaultAsync(user, workspaceId, card.Id));

    private async Task RemoveAsync(CardOnFile card)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = "Remove card?",
            Message = card.IsDefault
                ? $"{card.Display} is the default card. The most recently added other card becomes the default."
                : $"{card.Display} will no longer be charged. Past charges keep its name.",
            YesText = "Remove",
            CancelText = "Cancel",
        });
        if (confirmed == true)
            await RunAsync(() => Methods.RemoveAsync(user, workspaceId, card.Id));
    }

    private async Task RunAsync(Func<Task<PaymentMethodResult>> action)
    {
        busy = true;
        try
        {
            var result = await action();
            refusal = result.Succeeded ? null : result.Message;
            if (result.RedirectUrl is { } url)
            {
                Navigation.NavigateTo(url, forceLoad: true);
                return;
            }
            if (result.Succeeded)
                Snackbar.Add(result.Message, Severity.Success);
            cards = await Methods.ListCardsAsync(workspaceId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            refusal = "The payment provider could not be reached. Try again in a moment.";
        }
        finally
        {
            busy = false;
        }
    }
}
