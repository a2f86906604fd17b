using BillingPortal.Data;
using BillingPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Notifications;

/// <summary>One row of a person's notification list.</summary>
public sealed record NotificationItem(long Id, string Type, string Title, string Message, string? Link, DateTime CreatedAt, bool IsRead);

/// <summary>A page of a person's notifications and how many there are in all.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationItem> Items, int TotalCount);

/// <summary>
/// A person's own notifications in one workspace: what the bell and the Notifications page show. Every query
/// filters by the user id the caller was signed in as, so nobody reads or marks anyone else's rows.
/// </summary>
public sealed class NotificationInbox(IDbContextFactory<BillingDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>How many of the user's notifications in the workspace are unread.</summary>
    public async Task<int> UnreadCountAsync(string userId, Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Mine(db, userId, workspaceId).CountAsync(n => n.ReadAt == null, ct);
    }

    /// <summary>The newest <paramref name="count"/> notifications, newest first.</summary>
    public async Task<IReadOnlyList<NotificationItem>> LatestAsync(string userId, Guid workspaceId, int count, CancellationToken ct = default) =>
        (await PageAsync(userId, workspaceId, 0, count, ct)).Items;

    /// <summary>Page <paramref name="pageIndex"/> (from 0) of <paramref name="pageSize"/> notifications, newest first.</summary>
    public async Task<NotificationPage> PageAsync(string userId, Guid workspaceId, int pageIndex, int pageSize, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pageIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var mine = Mine(db, userId, workspaceId);
        var total = await mine.CountAsync(ct);
        var items = await mine.OrderByDescending(n => n.Id).Skip(pageIndex * pageSize).Take(pageSize)
            .Select(n => new NotificationItem(n.Id, n.Type, n.Title, n.Message, n.Link, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(ct);
        return new NotificationPage(items, total);
    }

    /// <summary>Marks one of the user's notifications read; false when it is not theirs (or does not exist).</summary>
    public async Task<bool> MarkReadAsync(string userId, long notificationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.Notifications.Where(n => n.Id == notificationId && n.UserId == userId);
        await mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
        return await mine.AnyAsync(ct);
    }

    /// <summary>Marks all the user's notifications in the workspace read; returns how many changed.</summary>
    public async Task<int> MarkAllReadAsync(string userId, Guid workspaceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return await Mine(db, userId, workspaceId).Where(n => n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }

    private static IQueryable<Notification> Mine(BillingDbContext db, string userId, Guid workspaceId) =>
        db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.WorkspaceId == workspaceId);
}
