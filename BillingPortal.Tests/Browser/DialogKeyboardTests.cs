using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Domain.Text;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Members.Invitations;
using BillingPortal.Features.Payments;
using BillingPortal.Tests.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// Every dialog a person can open, used with the keyboard alone: focus moves into it, Tab and Shift+Tab never leave it,
/// every button in it (its Cancel among them) is reached by Tab, and Esc closes it, changing nothing. The one exception
/// is the new API key's secret, shown once: Esc and the backdrop leave it open, so it is not lost by a slip of the hand.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DialogKeyboardTests(BrowserFixture browser)
{
    private const string OwnerEmail = "dialogs-owner@dialogs.test";
    private const string MemberEmail = "dialogs-member@dialogs.test";
    private const string InviteeEmail = "dialogs-invitee@dialogs.test";

    /// <summary>Where each dialog opens from, who opens it, and what its buttons are called.</summary>
    public sealed record Opening(string Email, string Path, string Trigger, string Cancel);

    private static readonly Dictionary<string, Opening> Dialogs = new()
    {
        ["purchase credits"] = new(OwnerEmail, "billing/credits", "[data-testid=purchase-credits]", "Cancel"),
        ["auto top-up"] = new(OwnerEmail, "billing/credits", "[data-testid=auto-top-up-manage]", "Cancel"),
        ["remove card"] = new(OwnerEmail, "billing/payment", "button[aria-label^='Remove: ']", "Cancel"),
        ["upgrade"] = new(OwnerEmail, "billing/plans", "[data-plan=pro] [data-testid=upgrade]", "Cancel"),
        ["contact sales"] = new(OwnerEmail, "billing/plans", "[data-testid=contact-sales]", "Cancel"),
        ["downgrade"] = new("owner@acme.test", "billing/plans", "[data-plan=free] [data-testid=downgrade]", "Cancel"),
        ["create API key"] = new(OwnerEmail, "workspace/api-keys", "button:has-text('Create key')", "Cancel"),
        ["revoke API key"] = new(OwnerEmail, "workspace/api-keys", "button[aria-label='Revoke Dialog key']", "Cancel"),
        ["remove member"] = new(OwnerEmail, "workspace/members", $"button[aria-label='Remove {MemberEmail}']", "Cancel"),
        ["revoke invitation"] = new(OwnerEmail, "workspace/members", $"button[aria-label='Revoke the invitation to {InviteeEmail}']", "Cancel"),
    };

    public static TheoryData<string> Names => [.. Dialogs.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task OwnerWithAKeyboard_TabsAroundTheDialog_ReachesItsCancel_AndLeavesWithEsc(string name)
    {
        await EnsureWorkspaceAsync();
        var opening = Dialogs[name];
        await using var tab = await browser.OpenAsync(opening.Email);
        var page = tab.Page;
        await OpenAsync(page, opening.Path);
        await page.Locator(opening.Trigger).First.ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        if (name == "downgrade")
            // The promise names the day the worker switches, as the Overview does (a trial with a card: its end).
            Assert.Contains($"Pro stays until {DateText.Day(await AcmeChangesAtAsync())}", await dialog.InnerTextAsync(), StringComparison.Ordinal);

        var reached = await TabAroundAsync(page);

        Assert.Contains(reached, r => string.Equals(r, opening.Cancel, StringComparison.OrdinalIgnoreCase));
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        if (name == "downgrade")
            Assert.Null(await AcmePendingPlanAsync());
    }

    [Fact]
    public async Task OwnerWithAKeyboard_CreatesAnApiKey_AndItsSecretStaysUntilTheyConfirmTheyCopiedIt()
    {
        await EnsureWorkspaceAsync();
        await using var tab = await browser.OpenAsync(OwnerEmail);
        var page = tab.Page;
        await OpenAsync(page, "workspace/api-keys");
        await page.Locator("button:has-text('Create key')").First.ClickAsync();
        var name = page.Locator(".mud-dialog input[data-testid=api-key-name]");
        await name.FillAsync("Keyboard key");
        // Enter submits from the field that has the focus, as a person's does: the dialog's own focus calls (its trap
        // and the field's autofocus) may land after the fill, so the keyboard waits until the field holds it.
        await Expect(name).ToBeFocusedAsync();
        await Expect(name).ToHaveValueAsync("Keyboard key");
        await page.Keyboard.PressAsync("Enter");
        var secret = page.Locator(".mud-dialog", new() { HasText = "I have copied it" });
        await Expect(secret).ToBeVisibleAsync();

        var reached = await TabAroundAsync(page);

        Assert.Contains(reached, r => string.Equals(r, "I have copied it", StringComparison.OrdinalIgnoreCase));
        await page.Keyboard.PressAsync("Escape");
        await Expect(secret).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "I have copied it" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(ColorScheme.Light, 1280)]
    [InlineData(ColorScheme.Dark, 1280)]
    [InlineData(ColorScheme.Light, 390)]
    [InlineData(ColorScheme.Dark, 390)]
    public async Task Owner_LooksAtTheUpgradeDialog_InLightAndDark_AtDesktopAndPhoneWidth(ColorScheme scheme, int width)
    {
        await EnsureWorkspaceAsync();
        await using var tab = await browser.OpenAsync(OwnerEmail, scheme, width);
        var page = tab.Page;
        await OpenAsync(page, "billing/plans", scheme);
        await page.Locator("[data-plan=pro] [data-testid=upgrade]").ClickAsync();
        await Expect(page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("upgrade-charge")).ToContainTextAsync("$");
        // The viewport: a full-page picture would paint the fixed app bar mid-page behind the dialog.
        await Screenshots.SaveAsync(page, Screenshots.Name("dialog-upgrade", scheme, width), width, fullPage: false, stillAnimations: true);
    }

    /// <summary>
    /// Tabs forward twenty times and back ten, checking after each press that focus is still inside the dialog, and that
    /// every button in it got focus on the way; returns the accessible names of what got focus.
    /// </summary>
    private static async Task<HashSet<string>> TabAroundAsync(IPage page)
    {
        // Opening a dialog moves focus into it (its default focus), so the keyboard starts there.
        await page.WaitForFunctionAsync("() => !!document.activeElement?.closest('.mud-dialog')", null, new() { Timeout = 10_000 });
        var reached = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in Enumerable.Repeat("Tab", 20).Concat(Enumerable.Repeat("Shift+Tab", 10)))
        {
            await page.Keyboard.PressAsync(key);
            // MudBlazor's trap is two focusable edges whose focus the server answers by moving focus to the other end: a
            // person's next Tab comes after that answer, so the check waits for it (and fails if it never comes).
            await page.WaitForFunctionAsync($"() => !document.activeElement?.matches('{Edge}')", null, new() { Timeout = 5_000 });
            var focus = await page.EvaluateAsync<string>($"() => {{ const a = document.activeElement; return (a?.closest('.mud-dialog') ? 'in|' : 'out|') + ({Name}); }}");
            Assert.True(focus.StartsWith("in|", StringComparison.Ordinal), $"{key} took focus out of the dialog, to {focus[4..]}.");
            reached.Add(focus[3..]);
        }
        var buttons = await page.EvaluateAsync<string[]>($"() => [...document.querySelectorAll('.mud-dialog button:not([disabled])')].map(a => {Name})");
        Assert.True(buttons.Length > 0, "The dialog has no button.");
        foreach (var button in buttons)
            Assert.True(reached.Contains(button), $"Tab never reached the button \"{button}\"; it reached: {string.Join(" · ", reached)}.");
        return reached;
    }

    /// <summary>The focus trap's edges (MudFocusTrap's first and last child, focusable only to be passed on).</summary>
    private const string Edge = ".mud-focus-trap > div.pointer-events-none[tabindex=\"0\"]";

    /// <summary>An element's accessible name as the checks compare it (<c>a</c> in scope).</summary>
    private const string Name = "(a?.getAttribute('aria-label') || a?.innerText || a?.tagName || '').trim()";

    private static async Task OpenAsync(IPage page, string path, ColorScheme scheme = ColorScheme.Light)
    {
        var response = await page.GotoAsync(path);
        Assert.Equal(200, response?.Status);
        await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>When the demo's pending downgrade would apply: its trial (with a card) converts at its end, or its period ends first.</summary>
    private async Task<DateTime> AcmeChangesAtAsync()
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync();
        var (trialEnd, periodEnd) = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName)
            .Select(w => new Tuple<DateTime, DateTime>(w.Subscription!.TrialEndsAt!.Value, w.Subscription.CurrentPeriodEnd)).SingleAsync();
        return trialEnd < periodEnd ? trialEnd : periodEnd;
    }

    private async Task<string?> AcmePendingPlanAsync()
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync();
        return await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Subscription!.PendingPlanCode).SingleAsync();
    }

    /// <summary>A Free team workspace with a card, an API key and a member besides its Owner, so every dialog has something to open on.</summary>
    private Task<Guid> EnsureWorkspaceAsync() =>
        TestWorkspaces.OnceAsync(browser, OwnerEmail, "Dialog Testers", PlanCatalog.Free, async (services, id) =>
        {
            await services.GetRequiredService<PaymentMethodStore>().AttachAsync(new CardAttach(id, PaymentProvider.Local, "tok_dialogs_visa", "visa", "4242", 4, 2031));
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var owner = await users.FindByEmailAsync(OwnerEmail);
            var created = await services.GetRequiredService<ApiKeyService>().CreateAsync(TestAuthorization.User(owner!.Id), id, "Dialog key");
            Assert.True(created.Succeeded, created.Message);
            var invited = await services.GetRequiredService<InvitationService>().InviteAsync(TestAuthorization.User(owner.Id), id,
                new InviteRequest(InviteeEmail, WorkspaceRole.Member), browser.BaseAddress);
            Assert.True(invited.Succeeded, invited.Message);
            var member = new ApplicationUser { UserName = MemberEmail, Email = MemberEmail, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(member, DemoSeeder.Password)).Succeeded);
            await using var db = await services.GetRequiredService<IDbContextFactory<BillingDbContext>>().CreateDbContextAsync();
            db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = id, UserId = member.Id, Role = WorkspaceRole.Member, JoinedAt = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc) });
            await db.SaveChangesAsync();
        });
}
