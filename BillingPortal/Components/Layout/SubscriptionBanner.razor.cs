using System.Globalization;
using BillingPortal.Features.Subscriptions.Status;
using BillingPortal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace BillingPortal.Components.Layout;

/// <summary>
/// The app-wide banner about the current workspace's subscription (trial countdown, trial ended, past due, paused),
/// shown above every page to billing readers; <see cref="BannerRules"/> decides what it says. It reads afresh on each
/// navigation, so paying an invoice makes it go away on the next page.
/// </summary>
public partial class SubscriptionBanner
{
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [Inject] private SubscriptionStatusQuery Query { get; set; } = default!;
    [Inject] private WorkspaceDirectory Directory { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private Banner? banner;

    protected override async Task OnInitializedAsync()
    {
        Navigation.LocationChanged += OnLocationChanged;
        banner = await LoadAsync();
    }

    private async Task<Banner?> LoadAsync()
    {
        if (AuthState is null || (await AuthState).User is not { Identity.IsAuthenticated: true } user)
            return null;
        // Access is read each time, like the pages do, so a role change shows on the next navigation.
        if (await Directory.ResolveCurrentAsync(user.UserId()) is not { CanReadBilling: true } access)
            return null;
        var standing = await Query.GetAsync(access.WorkspaceId);
        return BannerRules.For(standing, access.CanReadBilling, access.CanManageBilling, Clock.GetUtcNow().UtcDateTime, CultureInfo.CurrentCulture);
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(async () =>
    {
        try
        {
            banner = await LoadAsync();
            StateHasChanged();
        }
        catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException or OperationCanceledException)
        {
            // The circuit closed meanwhile: the next page load reads it again.
        }
    });

    private static string Palette(BannerTone tone) => tone switch
    {
        BannerTone.Error => "error",
        BannerTone.Warning => "warning",
        _ => "info",
    };

    private static string Icon(BannerKind kind) => kind switch
    {
        BannerKind.TrialRunning or BannerKind.TrialConverting => Icons.Material.Filled.HourglassTop,
        BannerKind.TrialExpired => Icons.Material.Filled.HourglassBottom,
        BannerKind.Paused => Icons.Material.Filled.PauseCircle,
        _ => Icons.Material.Filled.ReportProblem,
    };

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;
}
