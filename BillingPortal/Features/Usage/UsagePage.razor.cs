using BillingPortal.Components.Charts;
using BillingPortal.Domain.Forecasts;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Forecasts;
using BillingPortal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;

namespace BillingPortal.Features.Usage;

/// <summary>
/// Where the money went: a date range, totals, spend over time, by agent, model and API key (all from the daily
/// rollups), and the runs behind them. Clicking a bar or slice, or its table row's button, narrows everything to it.
/// What is shown lives in the link (<see cref="UsageLink"/>): a reload or a shared link shows the same. The forecast by
/// agent (<see cref="AgentForecastQuery"/>) is the last 7 days' whatever the range, so it is read once.
/// </summary>
public sealed partial class UsagePage(UsageQueryService usage, AgentForecastQuery agentForecasts, WorkspaceDirectory directory, TimeProvider clock, NavigationManager navigation) : IDisposable
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private Guid? workspaceId;
    private bool denied;
    private bool hasUsage;
    private DateOnly today;
    private DateOnly? periodStart;
    private UsageView view = default!;
    private IReadOnlyList<string> notes = [];
    private SpendSlice? apiKey;
    private UsageSummary? summary;
    private UsageCharts? charts;
    private AgentForecasts? agentForecast;
    private string? shownUri;

    /// <summary>The range, or the one day clicked in it, with the chosen agent, model and API key.</summary>
    internal UsageFilter Filter => view.Filter;

    protected override async Task OnInitializedAsync()
    {
        today = UsageRange.Today(clock);
        var (from, to) = UsagePresets.Resolve(UsagePresets.Default, today);
        view = new UsageView(UsagePresets.Default, from, to);
        // [Authorize] checked the current workspace; it is resolved again so the numbers belong to one this user may read now.
        var access = await directory.ResolveCurrentAsync((await AuthState).User.UserId());
        if (access is not { CanReadBilling: true })
        {
            denied = true;
            return;
        }
        workspaceId = access.WorkspaceId;
        (periodStart, hasUsage) = await usage.GetContextAsync(access.WorkspaceId);
        if (hasUsage)
            agentForecast = await agentForecasts.GetAsync(access.WorkspaceId);
        // Back and Forward change only the query: the router keeps this page, so the page follows the link itself.
        navigation.LocationChanged += OnLocationChanged;
    }

    protected override Task OnParametersSetAsync() => ShowLinkAsync();

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) =>
        _ = InvokeAsync(async () =>
        {
            await ShowLinkAsync();
            StateHasChanged();
        });

    /// <summary>Shows what the address asks for, unless it is already shown (or, after a navigation, is another page's).</summary>
    private async Task ShowLinkAsync()
    {
        if (workspaceId is null || navigation.Uri == shownUri
            || (shownUri is not null && navigation.ToBaseRelativePath(navigation.Uri).Split('?', '#')[0].TrimEnd('/') != UsageLink.Path))
            return;
        shownUri = navigation.Uri;
        var (asked, found) = UsageLink.Parse(new Uri(navigation.Uri).Query, today, periodStart);
        var said = found.ToList();
        SpendSlice? key = null;
        if (asked.ApiKeyId is { } id && (key = await usage.FindApiKeyAsync(workspaceId.Value, id)) is null)
        {
            // The same words whether the key is another workspace's or no key at all: a link reveals nothing.
            said.Add("The link's API key is not one of this workspace's; it was ignored.");
            asked = asked with { ApiKeyId = null };
        }
        notes = said;
        await ShowAsync(asked, key);
    }

    private async Task ShowAsync(UsageView next, SpendSlice? key)
    {
        if (summary is not null && next == view && key?.ApiKeyId == apiKey?.ApiKeyId)
            return;
        (view, apiKey) = (next, key);
        if (!hasUsage)
            return;
        summary = await usage.GetSummaryAsync(workspaceId!.Value, view.Filter);
        charts = UsageCharts.From(summary);
    }

    /// <summary>Shows <paramref name="next"/> and puts it in the address bar (a new history entry: Back undoes it).</summary>
    private async Task GoAsync(UsageView next, SpendSlice? key = null)
    {
        var url = UsageLink.ToUrl(next);
        shownUri = navigation.ToAbsoluteUri(url).ToString();
        notes = [];
        navigation.NavigateTo(url);
        await ShowAsync(next, next.ApiKeyId is null ? null : key ?? apiKey);
    }

    private Task ChangeRangeAsync(UsageRangeChange change) =>
        GoAsync(view with { Preset = change.Preset, From = change.From, To = change.To, Day = null });

    // A day's bar narrows to that day; a week's or month's bar zooms into its days (a custom range, drawn a bar a day).
    private Task NarrowToBucketAsync(ChartPointClick point)
    {
        if (charts is not { } c || point.CategoryIndex >= c.Buckets.Count)
            return Task.CompletedTask;
        var bucket = c.Buckets[point.CategoryIndex];
        return c.Grouping == DayGrouping.Day
            ? GoAsync(view with { Day = bucket.First })
            : GoAsync(view with { Preset = UsagePreset.Custom, From = bucket.First, To = bucket.Last, Day = null });
    }

    private Task NarrowToApiKeyAsync(SpendSlice slice) => GoAsync(view with { ApiKeyId = slice.ApiKeyId }, slice);

    private Task ClearAsync(bool day = false, bool agent = false, bool model = false, bool apiKey = false) =>
        GoAsync(view with
        {
            Day = day ? null : view.Day,
            Agent = agent ? null : view.Agent,
            Model = model ? null : view.Model,
            ApiKeyId = apiKey ? null : view.ApiKeyId,
        });

    public void Dispose() => navigation.LocationChanged -= OnLocationChanged;

    private string ExportUrl(Guid id, string format)
    {
        var f = Filter;
        var query = $"format={format}&from={f.From:yyyy-MM-dd}&to={f.To:yyyy-MM-dd}"
            + (f.Agent is null ? "" : "&agent=" + Uri.EscapeDataString(f.Agent))
            + (f.Key is null ? "" : "&key=" + Uri.EscapeDataString(f.Key))
            + (f.ApiKeyId is null ? "" : "&apiKey=" + f.ApiKeyId);
        return $"/api/workspaces/{id}/billing/usage/export?{query}";
    }
}
