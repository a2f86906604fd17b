using BillingPortal.Domain.Notifications;
using BillingPortal.Features.Notifications;

namespace BillingPortal.Tests.Features.Notifications;

public sealed class NotificationServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static NotificationRequest Request(NotificationFixture f, string key = "payment:1:failed") =>
        new(f.WorkspaceId, NotificationTypes.PurchaseFailed, key, "Payment declined", "Your card was declined.", "billing/payment");

    [Fact]
    public async Task Notify_StoresOneRowForEachOwnerAndAdmin_AndNobodyElse()
    {
        await using var f = await NotificationFixture.CreateAsync();

        await f.Notifier.NotifyBillingManagersAsync(Request(f), Ct);

        var stored = f.Stored();
        Assert.Equal(new[] { f.AdminId, f.OwnerId }.Order(), stored.Select(n => n.UserId).Order());
        Assert.DoesNotContain(stored, n => n.UserId == f.FinanceId || n.UserId == f.MemberId || n.UserId == f.ViewerId);
        Assert.All(stored, n =>
        {
            Assert.Equal(NotificationTypes.PurchaseFailed, n.Type);
            Assert.Equal("Payment declined", n.Title);
            Assert.Equal("billing/payment", n.Link);
            Assert.Null(n.ReadAt);
            Assert.NotNull(n.EmailedAt);
        });
    }

    [Fact]
    public async Task Notify_EmailsEachRecipientOnce_WithTheMessageAndWhereToLook()
    {
        await using var f = await NotificationFixture.CreateAsync();

        await f.Notifier.NotifyBillingManagersAsync(Request(f), Ct);

        Assert.Equal(["admin@team.test", "owner@team.test"], f.Email.Sent.Select(m => m.To).Order());
        Assert.All(f.Email.Sent, m =>
        {
            Assert.Equal("Payment declined", m.Subject);
            Assert.Contains("Your card was declined.", m.Body);
            Assert.Contains("/billing/payment", m.Body);
        });
    }

    [Fact]
    public async Task Notify_SameKeyTwice_StoresAndEmailsOncePerPerson()
    {
        await using var f = await NotificationFixture.CreateAsync();

        await f.Notifier.NotifyBillingManagersAsync(Request(f), Ct);
        await f.Notifier.NotifyBillingManagersAsync(Request(f) with { Title = "Changed" }, Ct);

        Assert.Equal(2, f.Stored().Count);
        Assert.Equal(2, f.Email.Sent.Count);
        Assert.All(f.Stored(), n => Assert.Equal("Payment declined", n.Title));
    }

    [Fact]
    public async Task Notify_SameKeyEightTimesAtOnce_StoresOneRowAndSendsOneEmailPerPerson()
    {
        await using var f = await NotificationFixture.CreateAsync();
        // Separate notifier instances, as separate requests would race in the app.
        var notifiers = Enumerable.Range(0, 8).Select(_ => f.NewNotifier(f.Email)).ToList();
        using var start = new ManualResetEventSlim();

        var racers = notifiers.Select(n => Task.Run(async () =>
        {
            start.Wait(Ct);
            await n.NotifyBillingManagersAsync(Request(f), Ct);
        }, Ct)).ToList();
        start.Set();
        await Task.WhenAll(racers);

        var stored = f.Stored();
        Assert.Equal(new[] { f.AdminId, f.OwnerId }.Order(), stored.Select(n => n.UserId).Order());
        Assert.Equal(["admin@team.test", "owner@team.test"], f.Email.Sent.Select(m => m.To).Order());
        Assert.All(stored, n => Assert.NotNull(n.EmailedAt));
    }

    [Fact]
    public async Task Notify_DifferentKeys_NotifyAgain()
    {
        await using var f = await NotificationFixture.CreateAsync();

        await f.Notifier.NotifyBillingManagersAsync(Request(f, "payment:1:failed"), Ct);
        await f.Notifier.NotifyBillingManagersAsync(Request(f, "payment:2:failed"), Ct);

        Assert.Equal(4, f.Stored().Count);
        Assert.Equal(4, f.Email.Sent.Count);
    }

    [Fact]
    public async Task Notify_WhenTheMailServerFails_KeepsTheNotice_LeavesEmailedAtEmpty_AndDoesNotThrow()
    {
        await using var f = await NotificationFixture.CreateAsync();
        var failing = new RecordingEmailSender { Fail = true };

        await f.NewNotifier(failing).NotifyBillingManagersAsync(Request(f), Ct);

        var stored = f.Stored();
        Assert.Equal(2, stored.Count);
        Assert.All(stored, n => Assert.Null(n.EmailedAt));
        Assert.Empty(failing.Sent);
    }

    [Fact]
    public async Task Notify_ForAWorkspaceThatDoesNotExist_StoresNothing_AndDoesNotThrow()
    {
        await using var f = await NotificationFixture.CreateAsync();

        await f.Notifier.NotifyBillingManagersAsync(Request(f) with { WorkspaceId = Guid.NewGuid() }, Ct);

        await using var db = f.Database.Open();
        Assert.Empty(db.Notifications);
        Assert.Empty(f.Email.Sent);
    }

    [Fact]
    public async Task Notify_ClipsOverlongText_ToTheColumnSizes()
    {
        await using var f = await NotificationFixture.CreateAsync();

        await f.Notifier.NotifyBillingManagersAsync(Request(f) with { Title = new string('t', 500), Message = new string('m', 5000) }, Ct);

        Assert.All(f.Stored(), n =>
        {
            Assert.Equal(200, n.Title.Length);
            Assert.Equal(1000, n.Message.Length);
        });
    }
}
