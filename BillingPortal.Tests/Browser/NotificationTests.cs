using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using BillingPortal.Domain;
using BillingPortal.Domain.Notifications;
using BillingPortal.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>The bell in the app bar: a person's own unread notices, opened, read and cleared.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NotificationTests(BrowserFixture browser)
{
    [GeneratedRegex(@"^Notifications(, \d+ unread)?$")]
    private static partial Regex BellName();

    [Fact]
    public async Task Owner_SeesTheUnreadCount_OpensTheBell_ReadsOne_AndMarksAllRead()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await NotifyAcmeAsync($"Low balance {tag}", "billing/credits");
        await NotifyAcmeAsync($"Card declined {tag}", "billing");
        await using var tab = await browser.OpenAsync("owner@acme.test", ColorScheme.Dark);
        await tab.Page.GotoAsync("billing");
        await BrowserFixture.WaitForColorSchemeAsync(tab.Page, ColorScheme.Dark);

        var before = await UnreadAsync(tab.Page);
        Assert.True(before >= 2, $"The bell shows {before} unread.");
        await OpenBellAsync(tab.Page);
        var item = tab.Page.GetByRole(AriaRole.Menuitem).Filter(new() { HasText = $"Low balance {tag}" });
        await Expect(item).ToContainTextAsync("just now");
        await Expect(item).ToContainTextAsync("(unread)");

        await item.ClickAsync();

        await tab.Page.WaitForURLAsync("**/billing/credits");
        await Expect(Bell(tab.Page)).ToHaveAttributeAsync("aria-label", $"Notifications, {before - 1} unread");

        await OpenBellAsync(tab.Page);
        await Expect(tab.Page.GetByRole(AriaRole.Menuitem).Filter(new() { HasText = $"Low balance {tag}" })).Not.ToContainTextAsync("(unread)");
        // One click, no retry (OpenBellAsync waits until the menu has finished opening). What is checked is that this
        // test's notices end up read, not that the count is 0: other tests' background payments may notify the owner.
        await BellMarkAllRead(tab.Page).ClickAsync();
        // Only the owner (this page) can have read its copy of the notice; the admin's copy stays unread.
        Assert.True(await DeclinedReadAsync(tag), "Mark all read left the notice unread.");
    }

    [Fact]
    public async Task Member_DoesNotSeeTheManagersNotifications()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await NotifyAcmeAsync($"Managers only {tag}", "billing");
        await using var tab = await browser.OpenAsync("member@acme.test", ColorScheme.Dark);
        await tab.Page.GotoAsync("notifications");
        await BrowserFixture.WaitForColorSchemeAsync(tab.Page, ColorScheme.Dark);

        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Notifications", Level = 1 })).ToBeVisibleAsync();
        await Expect(tab.Page.GetByText("No notifications yet.")).ToBeVisibleAsync();
        await Expect(Bell(tab.Page)).ToHaveAttributeAsync("aria-label", "Notifications");
        await OpenBellAsync(tab.Page);
        await Expect(tab.Page.GetByText($"Managers only {tag}")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Admin_ReadsAllNotifications_OnTheNotificationsPage()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await NotifyAcmeAsync($"Refund {tag}", "billing");
        await using var tab = await browser.OpenAsync("admin@acme.test", ColorScheme.Dark);
        await tab.Page.GotoAsync("");
        await BrowserFixture.WaitForColorSchemeAsync(tab.Page, ColorScheme.Dark);

        await OpenBellAsync(tab.Page);
        await tab.Page.GetByRole(AriaRole.Menuitem, new() { Name = "See all notifications" }).ClickAsync();

        await tab.Page.WaitForURLAsync("**/notifications");
        await Expect(tab.Page.GetByTestId("notification-row").Filter(new() { HasText = $"Refund {tag}" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Owner_LooksAtTheOpenBell_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        await NotifyAcmeAsync("Credit balance low", "billing/credits",
            "Acme AI has $4.20 left to spend (allowance plus credits), at or below its $5.00 alert. Add credits or turn on auto top-up.");
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync("owner@acme.test", scheme, width);
            await tab.Page.GotoAsync("billing");
            await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
            await OpenBellAsync(tab.Page);
            await Screenshots.SaveAsync(tab.Page, Screenshots.Name("notification-bell", scheme, width), width, fullPage: false, stillAnimations: true);
        }
    }

    [Theory]
    [InlineData("owner@acme.test", true)]
    [InlineData("member@acme.test", false)]
    public async Task Person_UsingAssistiveTechnology_MeetsNoSeriousBarrier_InTheBellAndTheList(string email, bool withNotice)
    {
        if (withNotice)
            await NotifyAcmeAsync("Credit balance low", "billing/credits");
        await using var tab = await browser.OpenAsync(email, ColorScheme.Dark);
        await tab.Page.GotoAsync("notifications");
        await BrowserFixture.WaitForColorSchemeAsync(tab.Page, ColorScheme.Dark);
        await OpenBellAsync(tab.Page);

        var result = await tab.Page.RunAxe();

        var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Take(5).Select(n => n.Target?.ToString()))}")));
    }

    private static ILocator Bell(IPage page) => page.GetByRole(AriaRole.Button, new() { NameRegex = BellName() });

    private static ILocator BellMarkAllRead(IPage page) =>
        page.GetByRole(AriaRole.Menuitem, new() { Name = "Mark all read" });

    private static async Task<int> UnreadAsync(IPage page)
    {
        await Expect(Bell(page)).ToHaveCountAsync(1);
        var label = await Bell(page).GetAttributeAsync("aria-label") ?? "";
        return Regex.Match(label, @"(\d+) unread") is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Clicks the bell until its list shows: a click before the page's circuit is up does nothing.</summary>
    private static async Task OpenBellAsync(IPage page)
    {
        var header = BellMarkAllRead(page);
        for (var attempt = 1; ; attempt++)
        {
            await Bell(page).ClickAsync();
            try
            {
                await header.WaitForAsync(new() { Timeout = 5_000 });
                // MudMenu ignores a click on an item until its popover has finished opening (a robot clicks sooner
                // than a person can): wait for the open class and for its transitions to end.
                await page.WaitForFunctionAsync("""
                    () => {
                        const popover = document.querySelector('.bp-notification-list')?.closest('.mud-popover');
                        return !!popover && popover.classList.contains('mud-popover-open')
                            && popover.getAnimations({ subtree: true }).length === 0;
                    }
                    """, null, new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 6)
            {
                // Not interactive yet: click again.
            }
        }
    }

    private async Task<bool> DeclinedReadAsync(string tag)
    {
        // Up to 20 s: the click's round trip to the circuit and its write take seconds on a loaded 2-core machine.
        for (var i = 0; i < 200; i++)
        {
            await using var db = await browser.App.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
            if (await db.Notifications.AnyAsync(n => n.Title == $"Card declined {tag}" && n.ReadAt != null, TestContext.Current.CancellationToken))
                return true;
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        return false;
    }

    private async Task NotifyAcmeAsync(string title, string link, string? message = null)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var acme = await db.Workspaces.Where(w => w.Kind == WorkspaceKind.Team && w.Name == "Acme AI").Select(w => w.Id).SingleAsync(TestContext.Current.CancellationToken);
        var notifier = browser.App.Services.GetRequiredService<INotifier>();
        await notifier.NotifyBillingManagersAsync(new NotificationRequest(acme, NotificationTypes.PurchaseFailed, $"test:{Guid.NewGuid()}",
            title, message ?? $"{title}: a notice for the browser test.", link), TestContext.Current.CancellationToken);
    }
}
