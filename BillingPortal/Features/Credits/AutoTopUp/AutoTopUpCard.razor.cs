using System.Globalization;
using System.Security.Claims;
using BillingPortal.Domain;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace BillingPortal.Features.Credits.AutoTopUp;

public partial class AutoTopUpCard
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private CreditSettingsService CreditSettings { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>The workspace whose auto top-up is shown.</summary>
    [Parameter, EditorRequired] public Guid WorkspaceId { get; set; }

    /// <summary>Owner or Admin: may enable and change it. Others only read it.</summary>
    [Parameter] public bool CanManage { get; set; }

    private AutoTopUpStatus? status;
    private ClaimsPrincipal user = new();
    /// <summary>Set once the circuit is up (never while prerendering): tests wait for it before clicking.</summary>
    private bool interactive;

    protected override async Task OnParametersSetAsync()
    {
        user = (await AuthState).User;
        status = await CreditSettings.GetAutoTopUpAsync(WorkspaceId);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender)
            return;
        interactive = true;
        StateHasChanged();
    }

    private string StateText => status!.Settings switch
    {
        { AutoTopUpPausedAt: not null } => "Paused",
        { AutoTopUpEnabled: false } => "Off",
        _ when status.CapReached => "Cap reached",
        _ => "On",
    };

    private Color StateColor => StateText switch
    {
        "Paused" => Color.Error,
        "Cap reached" => Color.Warning,
        "On" => Color.Success,
        _ => Color.Default,
    };

    private double CapUsedPercent => status!.Settings.AutoTopUpMonthlyCapMicros <= 0 ? 0
        : Math.Min(100, 100.0 * status.ChargedThisMonthMicros / status.Settings.AutoTopUpMonthlyCapMicros);

    private string NextMonth => Domain.Text.DateText.Day(Domain.Payments.AutoTopUpRules.MonthWindow(Clock.GetUtcNow().UtcDateTime).End);

    private static string Format(long micros) => new Money(micros).Format();

    /// <summary>Reads the settings again, after they were saved from elsewhere on the page (the forecast's suggestion).</summary>
    public async Task ReloadAsync()
    {
        status = await CreditSettings.GetAutoTopUpAsync(WorkspaceId);
        StateHasChanged();
    }

    private async Task OpenAsync()
    {
        if (await AutoTopUpDialog.ShowAsync(Dialogs, user, WorkspaceId, status!) is not { } message)
            return;
        Snackbar.Add(message, Severity.Success);
        status = await CreditSettings.GetAutoTopUpAsync(WorkspaceId);
    }
}
