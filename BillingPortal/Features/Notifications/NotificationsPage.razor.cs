using BillingPortal.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingPortal.Features.Notifications;

/// <summary>All of the signed-in person's notifications in their current workspace, newest first, a page at a time.</summary>
public partial class NotificationsPage
{
    private const int PageSize = 20;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;
    [Inject] private NotificationInbox Inbox { get; set; } = default!;
    [Inject] private WorkspaceDirectory Directory { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private string userId = "";
    private Guid workspaceId;
    private int pageIndex;
    private NotificationPage? page;

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;
    private int PageCount => page is null ? 0 : (page.TotalCount + PageSize - 1) / PageSize;

    protected override async Task OnInitializedAsync()
    {
        userId = (await AuthState).User.UserId();
        workspaceId = (await Directory.ResolveCurrentAsync(userId))?.WorkspaceId ?? Guid.Empty;
        await LoadAsync();
    }

    private async Task LoadAsync() =>
        page = workspaceId == Guid.Empty ? new NotificationPage([], 0) : await Inbox.PageAsync(userId, workspaceId, pageIndex, PageSize);

    private async Task GoToAsync(int selected)
    {
        pageIndex = selected - 1;
        await LoadAsync();
    }

    private async Task OpenAsync(NotificationItem item)
    {
        await Inbox.MarkReadAsync(userId, item.Id);
        if (item.Link is { Length: > 0 } link)
            Navigation.NavigateTo(link);
        else
            await LoadAsync();
    }

    private async Task MarkAllReadAsync()
    {
        await Inbox.MarkAllReadAsync(userId, workspaceId);
        await LoadAsync();
    }
}
