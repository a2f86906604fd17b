using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Notifications;

/// <summary>The <c>Notifications</c> configuration section.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The app's public address ("https://billing.example.com/"); when set, e-mails link to the page itself.</summary>
    public string? AppBaseUrl { get; set; }
}

/// <summary>
/// Stores a notice for each Owner and Admin of the workspace and e-mails each one that is new. The unique
/// (user, workspace, dedupe key) index decides who stores a row, so the same event notified twice, or by two
/// requests at once, is stored and e-mailed once per person: the loser of the insert simply skips that person.
/// </summary>
public sealed class NotificationService(
    IDbContextFactory<BillingDbContext> dbFactory,
    IEmailSender email,
    NotificationOptions options,
    TimeProvider clock,
    ILogger<NotificationService> log) : INotifier
{
    private sealed record Recipient(string UserId, string? Email);

    public async Task NotifyBillingManagersAsync(NotificationRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            foreach (var (notification, address) in await StoreNewAsync(request, ct))
                await EmailAsync(notification, address, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The event that caused the notice (a payment, a debit) has already committed: never fail it for a notice.
            log.LogError(ex, "Could not store notification {Type} ({DedupeKey}) for workspace {WorkspaceId}", request.Type, request.DedupeKey, request.WorkspaceId);
        }
    }

    /// <summary>Inserts the rows this call wins, one per recipient, and returns them with the address to e-mail.</summary>
    private async Task<List<(Notification, string?)>> StoreNewAsync(NotificationRequest request, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var recipients = await db.WorkspaceMembers
            .Where(m => m.WorkspaceId == request.WorkspaceId && (m.Role == WorkspaceRole.Owner || m.Role == WorkspaceRole.Admin))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new Recipient(u.Id, u.Email))
            .ToListAsync(ct);
        var ids = recipients.Select(r => r.UserId).ToList();
        var already = await db.Notifications
            .Where(n => n.WorkspaceId == request.WorkspaceId && n.DedupeKey == request.DedupeKey && ids.Contains(n.UserId))
            .Select(n => n.UserId).ToListAsync(ct);

        var stored = new List<(Notification, string?)>();
        foreach (var recipient in recipients.Where(r => !already.Contains(r.UserId)))
        {
            var notification = new Notification
            {
                WorkspaceId = request.WorkspaceId, UserId = recipient.UserId, Type = request.Type, DedupeKey = request.DedupeKey,
                Title = Clip(request.Title, 200), Message = Clip(request.Message, 1000), Link = request.Link,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Notifications.Add(notification);
            try
            {
                await db.SaveChangesAsync(ct);
                stored.Add((notification, recipient.Email));
            }
            catch (DbUpdateException)
            {
                db.Entry(notification).State = EntityState.Detached;
                // A concurrent call stored this person's row first; it also sends their e-mail. Anything else is real.
                if (!await ExistsAsync(request, recipient.UserId, ct))
                    throw;
            }
        }
        return stored;
    }

    private async Task<bool> ExistsAsync(NotificationRequest request, string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Notifications.AnyAsync(n => n.UserId == userId && n.WorkspaceId == request.WorkspaceId && n.DedupeKey == request.DedupeKey, ct);
    }

    private async Task EmailAsync(Notification notification, string? address, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(address))
            return;
        try
        {
            await email.SendAsync(new EmailMessage(address, notification.Title, Body(notification)), ct);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            await db.Notifications.Where(n => n.Id == notification.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailedAt, now), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The notice is in the app's bell either way; EmailedAt stays empty, so the miss is visible.
            log.LogWarning(ex, "Could not e-mail notification {NotificationId} ({Type}) to user {UserId}", notification.Id, notification.Type, notification.UserId);
        }
    }

    private string Body(Notification notification)
    {
        if (notification.Link is not { Length: > 0 } link)
            return notification.Message;
        var where = options.AppBaseUrl is { Length: > 0 } baseUrl ? $"{baseUrl.TrimEnd('/')}/{link.TrimStart('/')}" : $"the BillingPortal page /{link.TrimStart('/')}";
        return $"{notification.Message}\n\nOpen {where} for details.";
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
