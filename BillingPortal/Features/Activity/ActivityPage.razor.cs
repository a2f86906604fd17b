using BillingPortal.Domain.Audit;
using BillingPortal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingPortal.Features.Activity;

/// <summary>The workspace's audit trail, newest first, filtered by kind, actor and UTC dates; "Show older" pages by keyset.</summary>
public partial class ActivityPage
{
    public const int PageSize = 25;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private WorkspaceDirectory Directory { get; set; } = default!;
    [Inject] private ActivityQuery Activity { get; set; } = default!;

    private Guid workspaceId;
    private readonly List<AuditEntry> rows = [];
    private IReadOnlyList<string> actors = [];
    private ActivityCursor? next;
    private bool loading = true;
    private string? kind;
    private string? actor;
    private DateTime? from;
    private DateTime? to;

    private ActivityFilter Filter => new(kind, actor,
        from is { } f ? DateOnly.FromDateTime(f) : null,
        to is { } t ? DateOnly.FromDateTime(t) : null);

    private string ExportUrl => $"api/workspaces/{workspaceId}/billing/activity/export?{ActivityQueryText.Format(Filter)}";

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthState).User;
        // Fixed for the page's lifetime: switching workspace elsewhere must not retarget it.
        var access = await Directory.ResolveCurrentAsync(user.UserId());
        workspaceId = access is { CanReadBilling: true } ? access.WorkspaceId : Guid.Empty;
        if (workspaceId == Guid.Empty)
            return;
        actors = await Activity.ActorsAsync(workspaceId);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        loading = true;
        var page = await Activity.PageAsync(workspaceId, Filter, null, PageSize);
        rows.Clear();
        rows.AddRange(page.Rows);
        next = page.Next;
        loading = false;
    }

    private async Task OlderAsync()
    {
        loading = true;
        var page = await Activity.PageAsync(workspaceId, Filter, next, PageSize);
        rows.AddRange(page.Rows);
        next = page.Next;
        loading = false;
    }

    private static readonly Func<string?, string> KindLabel = k => k is null ? "" : ActivityLabels.Kind(k);

    private static string SourceLabel(AuditSource source) => source switch
    {
        AuditSource.Page => "the app",
        AuditSource.Api => "the API",
        AuditSource.Worker => "a background job",
        AuditSource.Webhook => "a Stripe webhook",
        _ => source.ToString(),
    };

    private Task KindChanged(string? value) { kind = value; return ReloadAsync(); }
    private Task ActorChanged(string? value) { actor = value; return ReloadAsync(); }
    private Task FromChanged(DateTime? value) { from = value; return ReloadAsync(); }
    private Task ToChanged(DateTime? value) { to = value; return ReloadAsync(); }
}
