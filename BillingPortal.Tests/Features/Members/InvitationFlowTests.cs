using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using BillingPortal.Components.Account;
using BillingPortal.Domain;
using BillingPortal.Features.Members.Invitations;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Members;

/// <summary>The invitation link over real HTTP: only the confirmed invitee gets in, once (issue 14, account pre-hijacking).</summary>
public sealed class InvitationFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OwnerInvitesNewhire_OnlyTheConfirmedInviteeJoins_Once()
    {
        await using var app = new BillingAppFactory();
        _ = app.Server;
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        var workspace = await db.Workspaces.Where(w => w.Name == "Acme AI").Select(w => w.Id).SingleAsync(Ct);
        var ownerId = await db.Users.Where(u => u.Email == "owner@acme.test").Select(u => u.Id).SingleAsync(Ct);

        // An attacker registered the new hire's address first and never confirmed it.
        var anonymous = app.CreateBrowserlikeClient();
        await RegisterAsync(anonymous, "newhire@acme.test");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var owner = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, ownerId)], "Test"));
            var invited = await scope.ServiceProvider.GetRequiredService<InvitationService>()
                .InviteAsync(owner, workspace, new InviteRequest("newhire@acme.test", WorkspaceRole.Member), new Uri("http://localhost/"), Ct);
            Assert.True(invited.Succeeded, invited.Message);
        }
        var mail = app.Services.GetRequiredService<OutboxEmailSender>().Sent.Last(m => m.To == "newhire@acme.test");
        var path = Regex.Match(mail.HtmlBody, @"http://localhost/(invitations/accept\?token=[A-Za-z0-9_-]{43})").Groups[1].Value;
        Assert.NotEmpty(path);

        // Anonymous: sent to log in, and back here afterwards.
        var anon = await anonymous.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.Redirect, anon.StatusCode);
        Assert.StartsWith("http://localhost/Account/Login?ReturnUrl=%2Finvitations%2Faccept", anon.Headers.Location!.ToString());
        // The squatter cannot even sign in with the unproven address.
        Assert.NotEqual(HttpStatusCode.Redirect, (await BillingAppFactory.PostLoginAsync(app.CreateBrowserlikeClient(), "newhire@acme.test", "Squat!2345")).StatusCode);

        // A confirmed user with another address is refused, and gains no access.
        var other = await app.LoginAsync("member@acme.test");
        var refused = await other.GetStringAsync(path, Ct);
        Assert.Contains("This invitation was sent to another address (n…@acme.test)", WebUtility.HtmlDecode(refused));
        Assert.DoesNotContain("Accept and join", refused);

        // The real new hire: the squatter's account is replaced by one the new hire confirms (as an operator would).
        await db.Users.Where(u => u.NormalizedEmail == "NEWHIRE@ACME.TEST").ExecuteDeleteAsync(Ct);
        var newhireId = await CreateConfirmedUserAsync(app, "newhire@acme.test");
        var newhire = await app.LoginAsync("newhire@acme.test");
        Assert.False(await db.WorkspaceMembers.AnyAsync(m => m.WorkspaceId == workspace && m.UserId == newhireId, Ct));

        var page = await newhire.GetStringAsync(path, Ct);
        Assert.Contains("Accept and join", page);
        var accepted = await PostAcceptAsync(newhire, path, page);
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/", accepted.Headers.Location!.OriginalString.Replace("http://localhost", ""));
        // Accepting opens the workspace just joined.
        Assert.Equal(workspace, await db.Users.Where(u => u.Id == newhireId).Select(u => u.LastWorkspaceId).SingleAsync(Ct));
        Assert.Equal(1, await db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == workspace && m.UserId == newhireId, Ct));

        // Second use refused: the link now says so, and a second accept adds nothing (InvitationServiceTests posts it twice).
        Assert.Contains("already been used", await newhire.GetStringAsync(path, Ct));
        await PostAcceptAsync(newhire, path, page);
        Assert.Equal(1, await db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == workspace && m.UserId == newhireId, Ct));
    }

    [Fact]
    public async Task AcceptAfterEightDays_IsRefusedAsExpired()
    {
        await using var app = new BillingAppFactory();
        _ = app.Server;
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        var workspace = await db.Workspaces.Where(w => w.Name == "Acme AI").Select(w => w.Id).SingleAsync(Ct);
        var ownerId = await db.Users.Where(u => u.Email == "owner@acme.test").Select(u => u.Id).SingleAsync(Ct);
        var newhireId = await CreateConfirmedUserAsync(app, "later@acme.test");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var owner = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, ownerId)], "Test"));
            Assert.True((await scope.ServiceProvider.GetRequiredService<InvitationService>()
                .InviteAsync(owner, workspace, new InviteRequest("later@acme.test", WorkspaceRole.Viewer), new Uri("http://localhost/"), Ct)).Succeeded);
        }
        var mail = app.Services.GetRequiredService<OutboxEmailSender>().Sent.Last(m => m.To == "later@acme.test");
        var path = Regex.Match(mail.HtmlBody, @"http://localhost/(invitations/accept\?token=[A-Za-z0-9_-]{43})").Groups[1].Value;
        var client = await app.LoginAsync("later@acme.test");

        app.Clock.Advance(TimeSpan.FromDays(8));
        var page = await client.GetStringAsync(path, Ct);

        Assert.Contains("This invitation has expired", page);
        Assert.DoesNotContain("Accept and join", page);
        Assert.Equal(0, await db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == workspace && m.UserId == newhireId, Ct));
    }

    private static async Task RegisterAsync(HttpClient client, string email)
    {
        var page = await client.GetStringAsync("/Account/Register");
        await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BillingAppFactory.AntiforgeryToken(page), ["_handler"] = "register",
            ["Input.Email"] = email, ["Input.Password"] = "Squat!2345", ["Input.ConfirmPassword"] = "Squat!2345",
        }));
    }

    private static async Task<string> CreateConfirmedUserAsync(BillingAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<BillingPortal.Data.ApplicationUser>>();
        var user = new BillingPortal.Data.ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, "Demo!2345")).Succeeded);
        return user.Id;
    }

    private static Task<HttpResponseMessage> PostAcceptAsync(HttpClient client, string path, string page) =>
        client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = BillingAppFactory.AntiforgeryToken(page), ["_handler"] = "accept-invitation",
        }));
}
