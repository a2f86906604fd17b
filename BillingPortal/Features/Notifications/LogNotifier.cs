namespace BillingPortal.Features.Notifications;

/// <summary>Interim: writes notifications to the log until the notification centre lands.</summary>
public sealed class LogNotifier(ILogger<LogNotifier> log) : INotifier
{
    public Task NotifyBillingManagersAsync(NotificationRequest request, CancellationToken ct = default)
    {
        log.LogInformation("Notification {Type} for workspace {WorkspaceId} ({DedupeKey}): {Title}: {Message}",
            request.Type, request.WorkspaceId, request.DedupeKey, request.Title, request.Message);
        return Task.CompletedTask;
    }
}
