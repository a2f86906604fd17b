using BillingPortal.Features.Notifications;
using BillingPortal.Hosting;
using BillingPortal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingPortal.Components.Layout;

/// <summary>
/// The app bar's bell: the signed-in person's unread count in their current workspace and their latest notices.
/// It reads afresh when the page loads, when it is opened, and every <see cref="PollEvery"/> while the page is open,
/// on the app's clock: a notice written by another app instance (the worker leader's, or a teammate's) shows without
/// a reload.
/// </summary>
/// <remarks>
/// The list is read with the page, so the menu opens at once with it (it used to open on "No notifications yet" and
/// fill in a moment later), and the re-read on opening re-renders the open list only when it found something new.
/// </remarks>
public partial class NotificationBell
{
    private const int Shown = 8;
    /// <summary>Two indexed reads of one person's rows per open page: cheap enough to keep a notice a few seconds away.</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(10);

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private NotificationInbox Inbox { get; set; } = default!;
    [Inject] private WorkspaceDirectory Directory { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private readonly CancellationTokenSource stop = new();
    private bool polling;
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
        // Not only on the first render: on a server database the first render comes before the workspace is read.
        // After-render runs only in an interactive circuit, so a prerender never starts a poll.
        if (!polling && workspaceId != Guid.Empty)
        {
            polling = true;
            _ = PollAsync();
        }
    }

    /// <summary>True once the poll runs: the workspace is read and its first wait is scheduled on the clock.</summary>
    internal bool IsPolling => Volatile.Read(ref polling);

    private async Task PollAsync()
    {
        var token = stop.Token; // read once: the source is disposed with the page
        while (await ClockTicks.WaitAsync(Clock, PollEvery, token))
        {
            try
            {
                await InvokeAsync(async () =>
                {
                    if (await RefreshAsync(token))
                        StateHasChanged();
                });
            }
            catch (Exception)
            {
                // A failed read (the database failing over) or a closing circuit: the next tick tries again, and the
                // page's end stops the loop.
            }
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
