using System.Text.RegularExpressions;
using BillingPortal.Domain;
using BillingPortal.Domain.Members;
using BillingPortal.Features.Members;
using BillingPortal.Features.Members.Invitations;
using BillingPortal.Features.Members.Membership;
using BillingPortal.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Members;

/// <summary>Inviting, re-sending, revoking and accepting on a real SQLite file (issue 14, account pre-hijacking).</summary>
public sealed class InvitationServiceTests : IAsyncLifetime
{
    private static readonly Uri Site = new("https://billing.example/");
    private MemberServiceFixture team = default!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => team = await MemberServiceFixture.CreateAsync();
    public ValueTask DisposeAsync() => team.DisposeAsync();

    private async Task<string> InviteAsync(string email, WorkspaceRole role = WorkspaceRole.Member)
    {
        var result = await team.Invitations.InviteAsync(team.Owner, team.WorkspaceId, new InviteRequest(email, role), Site, Ct);
        Assert.True(result.Succeeded, result.Message);
        return TokenSentTo(email);
    }

    private string TokenSentTo(string email)
    {
        var mail = team.Outbox.Sent.Last(m => m.To == email);
        return Regex.Match(mail.HtmlBody, @"https://billing\.example/invitations/accept\?token=([A-Za-z0-9_-]{43})").Groups[1].Value;
    }

    [Fact]
    public async Task Invite_ConfirmedUser_SendsALink_AndAddsNobodyUntilAccepted()
    {
        var userId = await team.Database.AddUserAsync("new@team.test");

        var token = await InviteAsync("new@team.test", WorkspaceRole.Viewer);

        Assert.Equal(43, token.Length);
        Assert.Null(await team.StoredAsync(userId));
        await using var db = team.Database.Open();
        var stored = await db.WorkspaceInvitations.SingleAsync(Ct);
        Assert.Equal("NEW@TEAM.TEST", stored.NormalizedEmail);
        Assert.DoesNotContain(token, stored.TokenHash);
        Assert.Equal(team.Database.Clock.GetUtcNow().UtcDateTime.AddDays(7), stored.ExpiresAt);
    }

    [Fact]
    public async Task Accept_ByTheConfirmedInvitee_JoinsWithTheRole_Once()
    {
        var userId = await team.Database.AddUserAsync("new@team.test");
        var token = await InviteAsync("new@team.test", WorkspaceRole.Viewer);
        var invitee = TestAuthorization.User(userId);

        var first = await team.Acceptance.AcceptAsync(invitee, token, Ct);
        var second = await team.Acceptance.AcceptAsync(invitee, token, Ct);

        Assert.True(first.Succeeded, first.Message);
        Assert.Equal(WorkspaceRole.Viewer, (await team.StoredAsync(userId))!.Role);
        Assert.Equal(InvitationRefusal.AlreadyUsed, second.Refusal);
    }

    [Fact]
    public async Task Accept_BySquatterWhoNeverConfirmedTheAddress_IsRefused_AndWritesNothing()
    {
        var squatter = await team.Database.AddUserAsync("newhire@team.test", emailConfirmed: false);
        var token = await InviteAsync("newhire@team.test");

        var opened = await team.Acceptance.OpenAsync(TestAuthorization.User(squatter), token, Ct);
        var result = await team.Acceptance.AcceptAsync(TestAuthorization.User(squatter), token, Ct);

        Assert.Equal(InvitationRefusal.AddressMismatch, opened.Refusal);
        Assert.Equal(InvitationRefusal.AddressMismatch, result.Refusal);
        Assert.StartsWith("This invitation was sent to another address (n…@team.test)", result.Message);
        Assert.Null(await team.StoredAsync(squatter));
    }

    [Fact]
    public async Task Accept_ByAnotherConfirmedUser_IsRefused()
    {
        var other = await team.Database.AddUserAsync("other@team.test");
        var token = await InviteAsync("new@team.test");

        var result = await team.Acceptance.AcceptAsync(TestAuthorization.User(other), token, Ct);

        Assert.Equal(InvitationRefusal.AddressMismatch, result.Refusal);
        Assert.Null(await team.StoredAsync(other));
    }

    [Fact]
    public async Task Accept_AfterSevenDays_IsRefusedAsExpired()
    {
        var userId = await team.Database.AddUserAsync("new@team.test");
        var token = await InviteAsync("new@team.test");
        team.Database.Clock.Advance(TimeSpan.FromDays(7));

        var result = await team.Acceptance.AcceptAsync(TestAuthorization.User(userId), token, Ct);

        Assert.Equal(InvitationRefusal.Expired, result.Refusal);
        Assert.Null(await team.StoredAsync(userId));
    }

    [Fact]
    public async Task Reinvite_ReplacesThePendingInvitation_AndTheOldLinkStopsWorking()
    {
        var userId = await team.Database.AddUserAsync("new@team.test");
        var oldToken = await InviteAsync("new@team.test");

        var again = await team.Invitations.InviteAsync(team.Owner, team.WorkspaceId, new InviteRequest("NEW@team.test", WorkspaceRole.Admin), Site, Ct);
        var newToken = TokenSentTo("new@team.test");

        Assert.Equal("Invitation re-sent to new@team.test as Admin; the earlier link no longer works.", again.Message);
        Assert.NotEqual(oldToken, newToken);
        Assert.Equal(InvitationRefusal.Unknown, (await team.Acceptance.AcceptAsync(TestAuthorization.User(userId), oldToken, Ct)).Refusal);
        Assert.True((await team.Acceptance.AcceptAsync(TestAuthorization.User(userId), newToken, Ct)).Succeeded);
        Assert.Equal(WorkspaceRole.Admin, (await team.StoredAsync(userId))!.Role);
    }

    [Fact]
    public async Task Revoke_EndsTheLink_AndEmptiesThePendingList()
    {
        var userId = await team.Database.AddUserAsync("new@team.test");
        var token = await InviteAsync("new@team.test");
        var pending = Assert.Single((await team.Invitations.ListPendingAsync(team.Owner, team.WorkspaceId, Ct))!);
        Assert.Equal(("new@team.test", "owner@team.test"), (pending.Email, pending.InvitedBy));

        Assert.True((await team.Invitations.RevokeAsync(team.Owner, team.WorkspaceId, pending.Id, Ct)).Succeeded);

        Assert.Empty((await team.Invitations.ListPendingAsync(team.Owner, team.WorkspaceId, Ct))!);
        Assert.Equal(InvitationRefusal.Revoked, (await team.Acceptance.AcceptAsync(TestAuthorization.User(userId), token, Ct)).Refusal);
    }

    [Theory]
    [InlineData("", "Enter the e-mail address to send the invitation to.")]
    [InlineData("not-an-address", "\"not-an-address\" is not a valid e-mail address.")]
    [InlineData("owner@team.test", "owner@team.test is already a member of this workspace.")]
    public async Task Invite_BadAddress_IsRefusedOnTheEmailField_AndSendsNothing(string email, string message)
    {
        var result = await team.Invitations.InviteAsync(team.Owner, team.WorkspaceId, new InviteRequest(email, WorkspaceRole.Member), Site, Ct);

        Assert.Equal(MemberResult.Refused(message, MemberField.Email), result);
        Assert.Empty(team.Outbox.Sent);
    }

    [Fact]
    public async Task Invite_AsOwnerByAdmin_IsRefusedOnTheRoleField_AndByMember_IsNotAllowed()
    {
        var (adminId, _) = await team.AddMemberAsync("admin@team.test", WorkspaceRole.Admin);
        var (memberId, _) = await team.AddMemberAsync("member@team.test", WorkspaceRole.Member);

        var byAdmin = await team.Invitations.InviteAsync(TestAuthorization.User(adminId), team.WorkspaceId, new InviteRequest("x@team.test", WorkspaceRole.Owner), Site, Ct);
        var byMember = await team.Invitations.InviteAsync(TestAuthorization.User(memberId), team.WorkspaceId, new InviteRequest("x@team.test", WorkspaceRole.Viewer), Site, Ct);

        Assert.Equal(MemberResult.Refused("Only an Owner can make someone an Owner.", MemberField.Role), byAdmin);
        Assert.Equal(MemberResult.Refused(MembershipWrite.NotAllowed), byMember);
        Assert.Empty(team.Outbox.Sent);
    }

    [Fact]
    public async Task ConcurrentAccepts_OfOneLink_AddExactlyOneMembership()
    {
        var userId = await team.Database.AddUserAsync("new@team.test");
        var token = await InviteAsync("new@team.test");
        var invitee = TestAuthorization.User(userId);
        var start = new TaskCompletionSource();

        var accepts = Enumerable.Range(0, 4).Select(_ => Task.Run(async () => { await start.Task; return await team.Acceptance.AcceptAsync(invitee, token, Ct); })).ToList();
        start.SetResult();
        var results = await Task.WhenAll(accepts);

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal(InvitationRefusal.AlreadyUsed, r.Refusal));
        await using var db = team.Database.Open();
        Assert.Equal(1, await db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == team.WorkspaceId && m.UserId == userId, Ct));
    }
}
