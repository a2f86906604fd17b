using System.Security.Claims;
using System.Text.RegularExpressions;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Members.Invitations;
using BillingPortal.Features.Workspaces;
using BillingPortal.Components.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// The invitation pages as a person sees them, light and dark, at phone and desktop width: the Members page's invite
/// form and pending list, the accept page opened from the e-mail, and the workspace switcher. A workspace of its own
/// (with a long name, the worst case for the app bar at 390 px) keeps the demo workspace as seeded.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InvitationPagesTests(BrowserFixture browser)
{
    private const string Owner = "looks-owner@invites.test";
    private const string Invitee = "looks-invitee@invites.test";
    private const string WaitingAddress = "a.very.long.address.for.the.pending.list@subsidiary.invites.test";
    private const string WorkspaceName = "Northwind Research Laboratories";

    [Fact]
    public async Task MembersPage_InviteFormAndPendingRow_WithRevoke()
    {
        await WorkspaceAsync();
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync(Owner, scheme, width);
            var page = tab.Page;
            Assert.Equal(200, (await page.GotoAsync("workspace/members"))?.Status);
            await BrowserFixture.WaitForColorSchemeAsync(page, scheme);

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Invite someone" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" })).ToBeVisibleAsync();
            var pending = page.GetByTestId("pending-invitations");
            await Expect(pending.GetByRole(AriaRole.Heading, new() { Name = "Pending invitations" })).ToBeVisibleAsync();
            var row = pending.Locator("tbody tr").Filter(new() { HasText = WaitingAddress });
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row).ToContainTextAsync("Admin");
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Revoke the invitation to {WaitingAddress}" })).ToBeEnabledAsync();
            await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Revoke the invitation to {WaitingAddress}" })).ToContainTextAsync("Revoke");
            // The address is what the row is about: whole at phone width (it was cut to "a.very.long.a…"), and in its
            // title where the desktop table's column ends it with an ellipsis.
            var address = row.GetByTestId("invitation-address");
            await Expect(address).ToHaveTextAsync(WaitingAddress);
            await Expect(address).ToHaveAttributeAsync("title", WaitingAddress);
            if (width < 600)
                Assert.True(await address.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), $"The address is cut at {width} px.");

            await Screenshots.SaveAsync(page, Screenshots.Name("members-invitations", scheme, width), width);
        }
    }

    [Fact]
    public async Task MembersPage_InvitingThroughTheForm_AddsAPendingRow()
    {
        await WorkspaceAsync();
        // Dark: its palette appearing means the circuit is up, so the click reaches the server.
        await using var tab = await browser.OpenAsync(Owner, ColorScheme.Dark, 390);
        var page = tab.Page;
        await page.GotoAsync("workspace/members");
        await BrowserFixture.WaitForColorSchemeAsync(page, ColorScheme.Dark);

        await page.Locator("input[data-testid=invite-email], [data-testid=invite-email] input").First.FillAsync("typed-in@invites.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();

        await Expect(page.GetByTestId("invite-notice")).ToBeVisibleAsync();
        var row = page.GetByTestId("pending-invitations").Locator("tbody tr").Filter(new() { HasText = "typed-in@invites.test" });
        await Expect(row).ToContainTextAsync("Member");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Revoke the invitation to typed-in@invites.test" })).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, Screenshots.Name("members-invited", ColorScheme.Dark, 390), 390);
    }

    [Fact]
    public async Task AcceptPage_ShowsTheWorkspaceRoleAndAcceptButton()
    {
        var token = await InviteeTokenAsync();
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync(Invitee, scheme, width);
            var page = tab.Page;
            Assert.Equal(200, (await page.GotoAsync($"invitations/accept?token={token}"))?.Status);

            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Join {WorkspaceName}" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("invitation-workspace")).ToHaveTextAsync(WorkspaceName);
            await Expect(page.GetByTestId("invitation-role")).ToHaveTextAsync("Member, with billing:read");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Accept and join" })).ToBeEnabledAsync();
            // Only a look: accepting would end the link the other looks open.
            await Screenshots.SaveAsync(page, Screenshots.Name("invitation-accept", scheme, width), width);
        }
    }

    [Fact]
    public async Task WorkspaceSwitcher_ListsEveryWorkspaceAsAButton()
    {
        await WorkspaceAsync();
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync(Owner, scheme, width);
            var page = tab.Page;
            await page.GotoAsync("");
            await BrowserFixture.WaitForColorSchemeAsync(page, scheme);

            var items = await OpenSwitcherAsync(page);
            await Expect(items).ToHaveCountAsync(2);
            await Expect(items.Filter(new() { HasText = WorkspaceName })).ToHaveAttributeAsync("aria-current", "true");
            await Expect(items.Filter(new() { HasText = "looks-owner (personal)" })).ToContainTextAsync("Owner");
            // Buttons inside forms: switching is a POST, never a link.
            Assert.Equal(["BUTTON", "BUTTON"], await items.EvaluateAllAsync<string[]>("els => els.map(e => e.tagName)"));
            // One line in the app bar: a long name wrapped to three lines at 390 px and pushed the account button off screen.
            var label = await page.GetByTestId("workspace-switcher").GetByRole(AriaRole.Button).First.BoundingBoxAsync();
            Assert.True(label!.Height <= 48, $"The switcher is {label.Height}px tall at {width} px.");
            foreach (var item in await items.AllAsync())
                await Expect(item).ToBeInViewportAsync();

            await Screenshots.SaveAsync(page, Screenshots.Name("workspace-switcher", scheme, width), width, fullPage: false, stillAnimations: true);
        }
    }

    /// <summary>Clicks the switcher until its menu shows: in light mode nothing tells that the circuit is up.</summary>
    private static async Task<ILocator> OpenSwitcherAsync(IPage page)
    {
        var items = page.GetByRole(AriaRole.Menuitem);
        for (var attempt = 1; ; attempt++)
        {
            await page.GetByTestId("workspace-switcher").GetByRole(AriaRole.Button).First.ClickAsync();
            try
            {
                await items.First.WaitForAsync(new() { Timeout = 3_000 });
                return items;
            }
            catch (TimeoutException) when (attempt < 10)
            {
            }
        }
    }

    /// <summary>The Owner's team workspace (and personal one), an Admin invitation to an address without an account,
    /// and a Member + billing:read invitation to a confirmed user.</summary>
    private Task<Guid> WorkspaceAsync() => TestWorkspaces.OnceAsync(browser, Owner, WorkspaceName, PlanCatalog.Pro, async (services, id) =>
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var owner = await users.FindByEmailAsync(Owner);
        await services.GetRequiredService<WorkspaceProvisioner>().EnsurePersonalWorkspaceAsync(owner!.Id, "looks-owner");
        var invitee = new ApplicationUser { UserName = Invitee, Email = Invitee, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(invitee, DemoSeeder.Password)).Succeeded);

        var asOwner = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, owner.Id)], "Test"));
        var invitations = services.GetRequiredService<InvitationService>();
        foreach (var request in new[] { new InviteRequest(WaitingAddress, WorkspaceRole.Admin), new InviteRequest(Invitee, WorkspaceRole.Member, true) })
        {
            var invited = await invitations.InviteAsync(asOwner, id, request, browser.BaseAddress);
            Assert.True(invited.Succeeded, invited.Message);
        }
    });

    private async Task<string> InviteeTokenAsync()
    {
        await WorkspaceAsync();
        var mail = browser.App.Services.GetRequiredService<OutboxEmailSender>().Sent.Last(m => m.To == Invitee);
        var token = Regex.Match(mail.HtmlBody, @"invitations/accept\?token=([A-Za-z0-9_-]{43})").Groups[1].Value;
        Assert.NotEmpty(token);
        return token;
    }
}
