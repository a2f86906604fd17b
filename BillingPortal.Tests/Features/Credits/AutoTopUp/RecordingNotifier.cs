using System.Collections.Concurrent;
using BillingPortal.Features.Notifications;

namespace BillingPortal.Tests.Features.Credits.AutoTopUp;

/// <summary>Records notifications, deduplicated by key as the real notifier stores them.</summary>
internal sealed class RecordingNotifier : INotifier
{
    private readonly ConcurrentDictionary<string, NotificationRequest> sent = new();

    public Task NotifyBillingManagersAsync(NotificationRequest request, CancellationToken ct = default)
    {
        sent.TryAdd($"{request.WorkspaceId}:{request.DedupeKey}", request);
        return Task.CompletedTask;
    }

    public IReadOnlyList<NotificationRequest> OfType(string type) => sent.Values.Where(n => n.Type == type).ToList();
}
