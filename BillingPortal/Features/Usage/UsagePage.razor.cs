using System.Globalization;
using BillingPortal.Components.Charts;
using BillingPortal.Domain.Usage;
using BillingPortal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingPortal.Features.Usage;

/// <summary>
/// Where the money went: a date range, totals, spend by day, agent, model and API key (all from the daily
/// rollups), and the runs behind them. Clicking a bar or slice narrows everything to it.
/// </summary>
public sealed partial class UsagePage(UsageQueryService usage, WorkspaceDirectory directory, TimeProvider clock)
{
    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    private Guid? workspaceId;
    private bool denied;
    private DateOnly today;
    private int? rangeDays = UsageRange.DefaultDays;
    private UsageFilter range = default!;
    private DateOnly? day;
    private string? agent;
    private string? key;
    private SpendSlice? apiKey;
    private UsageSummary? summary;

    /// <summary>The range, or the one day clicked in it, with the chosen agent, model and API key.</summary>
    internal UsageFilter Filter => new(day ?? range.From, day ?? range.To, agent, key, apiKey?.ApiKeyId);

    protected override async Task OnInitializedAsync()
    {
        today = UsageRange.Today(clock);
        range = UsageRange.LastDays(UsageRange.DefaultDays, today);
        // [Authorize] checked the current workspace; it is resolved again so the numbers belong to one this user may read now.
        var access = await directory.ResolveCurrentAsync((await AuthState).User.UserId());
        if (access is not { CanReadBilling: true })
        {
            denied = true;
            return;
        }
        workspaceId = access.WorkspaceId;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        summary = await usage.GetSummaryAsync(workspaceId!.Value, Filter);
    }

    private async Task ChangeRangeAsync(UsageRangeChange change)
    {
        (rangeDays, range, day) = (change.Days, new UsageFilter(change.From, change.To), null);
        await LoadAsync();
    }

    private async Task NarrowToDayAsync(ChartPointClick point)
    {
        if (summary is { } s && point.CategoryIndex < s.Days.Count)
        {
            day = s.Days[point.CategoryIndex];
            await LoadAsync();
        }
    }

    private async Task NarrowAsync(string? agent = null, string? key = null, SpendSlice? apiKey = null)
    {
        this.agent = agent ?? this.agent;
        this.key = key ?? this.key;
        this.apiKey = apiKey ?? this.apiKey;
        await LoadAsync();
    }

    private async Task ClearAsync(bool day = false, bool agent = false, bool key = false, bool apiKey = false)
    {
        if (day) this.day = null;
        if (agent) this.agent = null;
        if (key) this.key = null;
        if (apiKey) this.apiKey = null;
        await LoadAsync();
    }

    private string ExportUrl(Guid id, string format)
    {
        var f = Filter;
        var query = $"format={format}&from={f.From:yyyy-MM-dd}&to={f.To:yyyy-MM-dd}"
            + (f.Agent is null ? "" : "&agent=" + Uri.EscapeDataString(f.Agent))
            + (f.Key is null ? "" : "&key=" + Uri.EscapeDataString(f.Key))
            + (f.ApiKeyId is null ? "" : "&apiKey=" + f.ApiKeyId);
        return $"/api/workspaces/{id}/billing/usage/export?{query}";
    }

    private static IReadOnlyList<string> DayLabels(UsageSummary s) =>
        [.. s.Days.Select(Domain.Text.DateText.DayInYear)];

    private static IReadOnlyList<ChartSeries> DailySeries(UsageSummary s) =>
        [.. s.DailyByLineItem.Select(pair => new ChartSeries(LineItemLabels.Of(pair.Key), pair.Value))];

    private static IReadOnlyList<string> Names(IReadOnlyList<SpendSlice> slices) => [.. slices.Select(x => x.Name)];

    private static IReadOnlyList<ChartSeries> Values(IReadOnlyList<SpendSlice> slices) => [new ChartSeries("Spend", [.. slices.Select(x => x.CostMicros)])];
}
