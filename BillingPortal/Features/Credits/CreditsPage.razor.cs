using System.Security.Claims;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Forecasts;
using BillingPortal.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BillingPortal.Features.Credits;

/// <summary>The workspace's credits: balance, movements, the full ledger, purchase and auto top-up.</summary>
public partial class CreditsPage
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private WorkspaceDirectory Directory { get; set; } = default!;
    [Inject] private IAuthorizationService Authorization { get; set; } = default!;
    [Inject] private CreditService Credits { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ForecastService Forecasts { get; set; } = default!;

    /// <summary><c>?purchase=1</c> opens the purchase dialog on load (the Out of Credits card links here), for managers.</summary>
    [SupplyParameterFromQuery(Name = "purchase")] public string? Purchase { get; set; }

    private ClaimsPrincipal user = new();
    private Guid workspaceId;
    private bool canManage;
    private CreditSummary? summary;
    private Forecast? forecast;
    private AutoTopUpCard? autoTopUp;
    private bool loaded;

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        // Fixed for the page's lifetime: switching workspace elsewhere must not retarget its buttons.
        var access = await Directory.ResolveCurrentAsync(user.UserId());
        workspaceId = access is { CanReadBilling: true } ? access.WorkspaceId : Guid.Empty;
        canManage = workspaceId != Guid.Empty
            && (await Authorization.AuthorizeAsync(user, workspaceId, BillingPolicies.Manage)).Succeeded;
        if (workspaceId != Guid.Empty)
        {
            summary = await Credits.GetSummaryAsync(workspaceId);
            forecast = await Forecasts.GetAsync(workspaceId);
        }
        loaded = true;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && canManage && Purchase == "1")
            await OpenPurchaseAsync();
    }

    // The forecast saved a suggested auto top-up: the card below shows the new settings.
    private Task ReloadAutoTopUpAsync() => autoTopUp?.ReloadAsync() ?? Task.CompletedTask;

    private async Task OpenPurchaseAsync()
    {
        var parameters = new DialogParameters<PurchaseDialog> { { d => d.WorkspaceId, workspaceId }, { d => d.User, user } };
        await Dialogs.ShowAsync<PurchaseDialog>("Purchase credits", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
    }
}
