using System.Net;
using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Features.Members;
using BillingPortal.Features.Members.Membership;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Members;

/// <summary>A change made on the members page takes effect on the affected user's very next request.</summary>
public sealed class MembershipChangeTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdminDemotedToMember_NextRequestToTheMembersPage_Is403()
    {
        var admin = await app.Factory.LoginAsync("admin@acme.test");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/workspace/members", Ct)).StatusCode);

        var result = await AsOwnerAsync((members, owner, workspace, memberId) =>
            members.ChangeRoleAsync(owner, workspace, memberId, WorkspaceRole.Member, Ct), "admin@acme.test");
        Assert.True(result.Succeeded, result.Message);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/workspace/members", Ct)).StatusCode);
    }

    [Fact]
    public async Task MemberRemovedFromTheTeam_NextRequestShowsTheirPersonalWorkspace()
    {
        var member = await app.Factory.LoginAsync("member@acme.test");
        Assert.Contains("Acme AI", await member.GetStringAsync("/", Ct));

        var result = await AsOwnerAsync((members, owner, workspace, memberId) =>
            members.RemoveAsync(owner, workspace, memberId, Ct), "member@acme.test");
        Assert.True(result.Succeeded, result.Message);

        var home = await member.GetStringAsync("/", Ct);
        Assert.Contains("member (personal)", home);
        Assert.DoesNotContain("Acme AI", home);
    }

    /// <summary>Runs a change as owner@acme.test through the app's own <see cref="MemberService"/>.</summary>
    private async Task<MemberResult> AsOwnerAsync(Func<MemberService, ClaimsPrincipal, Guid, long, Task<MemberResult>> change, string targetEmail)
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var ownerId = await db.Users.Where(u => u.Email == "owner@acme.test").Select(u => u.Id).SingleAsync(Ct);
        var workspace = await db.Workspaces.Where(w => w.Name == "Acme AI").Select(w => w.Id).SingleAsync(Ct);
        var target = await db.WorkspaceMembers.Where(m => m.WorkspaceId == workspace)
            .Join(db.Users.Where(u => u.Email == targetEmail), m => m.UserId, u => u.Id, (m, _) => m.Id).SingleAsync(Ct);

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var owner = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, ownerId)], "Test"));
        return await change(scope.ServiceProvider.GetRequiredService<MemberService>(), owner, workspace, target);
    }
}
