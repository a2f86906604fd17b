namespace BillingPortal.Features.Notifications;

/// <param name="Type">One of <see cref="Domain.Notifications.NotificationTypes"/>.</param>
/// <param name="DedupeKey">Names the event or threshold crossing: the same key notifies each person once.</param>
/// <param name="Link">Relative app path the notification leads to.</param>
public sealed record NotificationRequest(Guid WorkspaceId, string Type, string DedupeKey, string Title, string Message, string? Link = "billing/credits");

/// <summary>Tells the people who manage a workspace's billing (Owners and Admins): in the app's bell and by e-mail.</summary>
public interface INotifier
{
    /// <summary>Stores one notification per Owner and Admin (once per dedupe key) and e-mails it. Never throws for delivery failures.</summary>
    Task NotifyBillingManagersAsync(NotificationRequest request, CancellationToken ct = default);
}
