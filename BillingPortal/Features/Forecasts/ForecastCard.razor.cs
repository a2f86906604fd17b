using BillingPortal.Features.Credits.AutoTopUp;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BillingPortal.Features.Forecasts;

public partial class ForecastCard
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private CreditSettingsService CreditSettings { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    /// <summary>The forecast to show (<see cref="ForecastService.GetAsync"/>).</summary>
    [Parameter, EditorRequired] public Forecast Forecast { get; set; } = default!;

    /// <summary>The workspace the suggestion would be saved for.</summary>
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }

    /// <summary>Owner or Admin: offers "Use this in auto top-up". The dialog's save checks the right again.</summary>
    [Parameter] public bool CanManage { get; set; }

    /// <summary>Called after the suggestion was saved, so the page can show the new auto top-up settings.</summary>
    [Parameter] public EventCallback OnAutoTopUpSaved { get; set; }

    private bool opening;

    private async Task UseSuggestionAsync()
    {
        if (Forecast.Spend.SuggestedTopUp is not { } suggestion)
            return;
        opening = true;
        try
        {
            var user = (await AuthState).User;
            // Read when clicked, so the dialog starts from the card and cap saved now, not when the page loaded.
            var status = await CreditSettings.GetAutoTopUpAsync(WorkspaceId);
            if (await AutoTopUpDialog.ShowAsync(Dialogs, user, WorkspaceId, status, suggestion) is not { } message)
                return;
            Snackbar.Add(message, Severity.Success);
            await OnAutoTopUpSaved.InvokeAsync();
        }
        finally
        {
            opening = false;
        }
    }
}
