using BillingPortal.Features.Notifications;
using BillingPortal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingPortal.Components.Layout;

/// <summary>
/// The app bar's bell: the signed-in person's unread count in their current workspace and their latest notices.
/// It reads afresh when the page loads, when it is opened, and every half minute while the page is open.
/// </summary>
/// <remarks>
/// The list is read with the page, so the menu opens at once with it (it used to open on "No notifications yet" and
/// fill in a moment later), and the re-read on opening re-renders the open list only when it found something new.
/// </remarks>
public partial class NotificationBell
{
    private const int Shown = 8;
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(30);

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private NotificationInbox Inbox { get; set; } = default!;
    [Inject] private WorkspaceDirectory Directory { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private readonly CancellationTokenSource stop = new();
    private string userId = "";
    private Guid workspaceId;
    private int unread;
    private IReadOnlyList<NotificationItem> latest = [];

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;
    private string? BadgeText => unread > 99 ? "99+" : unread.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private string Label => unread == 0 ? "Notifications" : $"Notifications, {unread} unread";

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthState).User;
        if (user.Identity?.IsAuthenticated != true)
            return;
        userId = user.UserId();
        workspaceId = (await Directory.ResolveCurrentAsync(userId))?.WorkspaceId ?? Guid.Empty;
        if (workspaceId == Guid.Empty)
            return;
        // The list is read before it can be opened, so opening it usually finds nothing new to re-render.
        latest = await Inbox.LatestAsync(userId, workspaceId, Shown);
        unread = await Inbox.UnreadCountAsync(userId, workspaceId);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && workspaceId != Guid.Empty)
            _ = PollAsync();
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(PollEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
                await InvokeAsync(async () =>
                {
                    if (await RefreshAsync(stop.Token))
                        StateHasChanged();
                });
        }
        catch (Exception)
        {
            // Closed circuit or a failed read: the count refreshes on the next page load instead.
        }
    }

    private Task OnOpenChangedAsync(bool open)
    {
        // The menu opens at once with the list read at page load or by the last poll; the re-read follows without
        // holding the opening up, and re-renders the open list only when it found something new.
        if (open)
            _ = InvokeAsync(async () =>
            {
                try
                {
                    if (await RefreshAsync(stop.Token))
                        StateHasChanged();
                }
                catch (Exception)
                {
                    // The page went away, or the read failed: the list stays as it was until the next poll.
                }
            });
        return Task.CompletedTask;
    }

    /// <summary>Re-reads the list and the count; true when either differs from what is shown.</summary>
    private async Task<bool> RefreshAsync(CancellationToken ct)
    {
        var fresh = await Inbox.LatestAsync(userId, workspaceId, Shown, ct);
        var count = await Inbox.UnreadCountAsync(userId, workspaceId, ct);
        var changed = count != unread || !fresh.SequenceEqual(latest);
        (latest, unread) = (fresh, count);
        return changed;
    }

    private async Task OpenAsync(NotificationItem item)
    {
        await Inbox.MarkReadAsync(userId, item.Id);
        unread = await Inbox.UnreadCountAsync(userId, workspaceId);
        latest = await Inbox.LatestAsync(userId, workspaceId, Shown);
        if (item.Link is { Length: > 0 } link)
            Navigation.NavigateTo(link);
    }

    private async Task MarkAllReadAsync()
    {
        await Inbox.MarkAllReadAsync(userId, workspaceId);
        unread = 0;
        latest = await Inbox.LatestAsync(userId, workspaceId, Shown);
    }

    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }
}
