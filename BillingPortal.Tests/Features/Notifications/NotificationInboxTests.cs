using BillingPortal.Domain;
using BillingPortal.Domain.Notifications;
using BillingPortal.Features.Notifications;

namespace BillingPortal.Tests.Features.Notifications;

public sealed class NotificationInboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task NotifyAsync(NotificationFixture f, string key, Guid? workspaceId = null) =>
        f.Notifier.NotifyBillingManagersAsync(new NotificationRequest(workspaceId ?? f.WorkspaceId, NotificationTypes.BalanceLow, key, $"Title {key}", $"Message {key}"), Ct);

    [Fact]
    public async Task Latest_ShowsTheUsersOwnNotices_NewestFirst()
    {
        await using var f = await NotificationFixture.CreateAsync();
        await NotifyAsync(f, "a");
        await NotifyAsync(f, "b");

        var latest = await f.Inbox.LatestAsync(f.OwnerId, f.WorkspaceId, 8, Ct);

        Assert.Equal(["Title b", "Title a"], latest.Select(n => n.Title));
        Assert.All(latest, n => Assert.False(n.IsRead));
        Assert.Equal(2, await f.Inbox.UnreadCountAsync(f.OwnerId, f.WorkspaceId, Ct));
    }

    [Fact]
    public async Task Member_WhoIsNotARecipient_SeesNone()
    {
        await using var f = await NotificationFixture.CreateAsync();
        await NotifyAsync(f, "a");

        Assert.Empty(await f.Inbox.LatestAsync(f.MemberId, f.WorkspaceId, 8, Ct));
        Assert.Equal(0, await f.Inbox.UnreadCountAsync(f.FinanceId, f.WorkspaceId, Ct));
    }

    [Fact]
    public async Task Notices_OfAnotherWorkspace_AreNotListed()
    {
        await using var f = await NotificationFixture.CreateAsync();
        var other = await f.Database.Provisioner.CreateTeamWorkspaceAsync("Other", f.OwnerId, PlanCatalog.Pro, trialDays: null, Ct);
        await NotifyAsync(f, "here");
        await NotifyAsync(f, "there", other);

        var here = await f.Inbox.LatestAsync(f.OwnerId, f.WorkspaceId, 8, Ct);

        Assert.Equal(["Title here"], here.Select(n => n.Title));
        Assert.Equal(1, await f.Inbox.UnreadCountAsync(f.OwnerId, other, Ct));
    }

    [Fact]
    public async Task MarkRead_OwnNotice_MarksOnlyThatOne()
    {
        await using var f = await NotificationFixture.CreateAsync();
        await NotifyAsync(f, "a");
        await NotifyAsync(f, "b");
        var first = (await f.Inbox.LatestAsync(f.OwnerId, f.WorkspaceId, 8, Ct))[0];

        Assert.True(await f.Inbox.MarkReadAsync(f.OwnerId, first.Id, Ct));

        Assert.Equal(1, await f.Inbox.UnreadCountAsync(f.OwnerId, f.WorkspaceId, Ct));
        Assert.Equal(2, await f.Inbox.UnreadCountAsync(f.AdminId, f.WorkspaceId, Ct));
        Assert.True((await f.Inbox.LatestAsync(f.OwnerId, f.WorkspaceId, 8, Ct))[0].IsRead);
    }

    [Fact]
    public async Task MarkRead_SomeoneElsesNotice_ChangesNothing()
    {
        await using var f = await NotificationFixture.CreateAsync();
        await NotifyAsync(f, "a");
        var ownersNotice = (await f.Inbox.LatestAsync(f.OwnerId, f.WorkspaceId, 8, Ct))[0];

        Assert.False(await f.Inbox.MarkReadAsync(f.AdminId, ownersNotice.Id, Ct));
        Assert.False(await f.Inbox.MarkReadAsync(f.MemberId, ownersNotice.Id, Ct));

        Assert.Equal(1, await f.Inbox.UnreadCountAsync(f.OwnerId, f.WorkspaceId, Ct));
        Assert.All(f.Stored(), n => Assert.Null(n.ReadAt));
    }

    [Fact]
    public async Task MarkAllRead_MarksTheUsersOwnNoticesInThatWorkspace_Only()
    {
        await using var f = await NotificationFixture.CreateAsync();
        var other = await f.Database.Provisioner.CreateTeamWorkspaceAsync("Other", f.OwnerId, PlanCatalog.Pro, trialDays: null, Ct);
        await NotifyAsync(f, "a");
        await NotifyAsync(f, "b");
        await NotifyAsync(f, "there", other);

        Assert.Equal(2, await f.Inbox.MarkAllReadAsync(f.OwnerId, f.WorkspaceId, Ct));

        Assert.Equal(0, await f.Inbox.UnreadCountAsync(f.OwnerId, f.WorkspaceId, Ct));
        Assert.Equal(1, await f.Inbox.UnreadCountAsync(f.OwnerId, other, Ct));
        Assert.Equal(2, await f.Inbox.UnreadCountAsync(f.AdminId, f.WorkspaceId, Ct));
    }

    [Fact]
    public async Task Page_SplitsTheListIntoPages_WithTheTotal()
    {
        await using var f = await NotificationFixture.CreateAsync();
        for (var i = 1; i <= 5; i++)
            await NotifyAsync(f, $"n{i}");

        var first = await f.Inbox.PageAsync(f.OwnerId, f.WorkspaceId, 0, 2, Ct);
        var last = await f.Inbox.PageAsync(f.OwnerId, f.WorkspaceId, 2, 2, Ct);

        Assert.Equal(5, first.TotalCount);
        Assert.Equal(["Title n5", "Title n4"], first.Items.Select(n => n.Title));
        Assert.Equal(["Title n1"], last.Items.Select(n => n.Title));
    }
}
