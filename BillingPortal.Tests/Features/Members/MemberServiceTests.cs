using BillingPortal.Domain;
using BillingPortal.Features.Members;
using BillingPortal.Features.Members.Membership;
using BillingPortal.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Members;

public sealed class MemberServiceTests : IAsyncLifetime
{
    private const string NotAllowed = "You can no longer manage the members of this workspace.";
    private MemberServiceFixture team = default!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => team = await MemberServiceFixture.CreateAsync();
    public ValueTask DisposeAsync() => team.DisposeAsync();

    [Fact]
    public async Task List_ForOwner_ShowsEachMemberWithRoleBillingReadAndJoined()
    {
        await team.AddMemberAsync("finance@team.test", WorkspaceRole.Member, WorkspacePermissions.BillingRead);
        await team.AddMemberAsync("viewer@team.test", WorkspaceRole.Viewer);

        var roster = await team.Service.ListAsync(team.Owner, team.WorkspaceId, Ct);

        Assert.NotNull(roster);
        Assert.Equal(WorkspaceRole.Owner, roster.YourRole);
        Assert.True(roster.CanAddMembers);
        Assert.Equal(["owner@team.test", "finance@team.test", "viewer@team.test"], roster.Members.Select(m => m.Email));
        var owner = roster.Members[0];
        Assert.True(owner is { IsYou: true, HasBillingRead: true, BillingReadImplied: true });
        Assert.True(roster.Members[1] is { Role: WorkspaceRole.Member, HasBillingRead: true, BillingReadImplied: false, IsYou: false });
        Assert.False(roster.Members[2].HasBillingRead);
        Assert.True(roster.Members[2] is { CanEdit: true, CanChangeRole: true, RemoveRefusal: null });
        Assert.Equal(team.Database.Clock.GetUtcNow().UtcDateTime, roster.Members[2].JoinedAt);
    }

    [Fact]
    public async Task List_SoleOwner_CanNeitherBeRemovedNorChangeRole()
    {
        var owner = (await team.Service.ListAsync(team.Owner, team.WorkspaceId, Ct))!.Members.Single();

        Assert.False(owner.CanChangeRole);
        Assert.Equal("The last Owner can't be removed: make someone else Owner first.", owner.RemoveRefusal);
    }

    [Fact]
    public async Task List_ForAdmin_MarksOwnersNotEditable_AndOffersNoOwnerRole()
    {
        var (adminId, _) = await team.AddMemberAsync("admin@team.test", WorkspaceRole.Admin);

        var roster = await team.Service.ListAsync(TestAuthorization.User(adminId), team.WorkspaceId, Ct);

        Assert.NotNull(roster);
        Assert.True(roster.Members.Single(m => m.Role == WorkspaceRole.Owner) is { CanEdit: false, CanChangeRole: false, RemoveRefusal: not null });
        Assert.True(roster.Members.Single(m => m.Role == WorkspaceRole.Admin).CanEdit);
        Assert.DoesNotContain(WorkspaceRole.Owner, roster.AssignableRoles);
    }

    [Theory]
    [InlineData(WorkspaceRole.Member, WorkspacePermissions.BillingRead)]
    [InlineData(WorkspaceRole.Viewer, WorkspacePermissions.None)]
    public async Task List_ForMemberOrViewer_IsRefused(WorkspaceRole role, WorkspacePermissions permissions)
    {
        var (userId, _) = await team.AddMemberAsync("someone@team.test", role, permissions);
        Assert.Null(await team.Service.ListAsync(TestAuthorization.User(userId), team.WorkspaceId, Ct));
    }

    [Fact]
    public async Task ChangeRole_MemberToAdmin_DropsTheNowImpliedBillingRead()
    {
        var (userId, memberId) = await team.AddMemberAsync("finance@team.test", WorkspaceRole.Member, WorkspacePermissions.BillingRead);

        var result = await team.Service.ChangeRoleAsync(team.Owner, team.WorkspaceId, memberId, WorkspaceRole.Admin, Ct);

        Assert.Equal(MemberResult.Done("finance@team.test is now Admin."), result);
        var stored = await team.StoredAsync(userId);
        Assert.Equal((WorkspaceRole.Admin, WorkspacePermissions.None), (stored!.Role, stored.Permissions));
    }

    [Fact]
    public async Task ChangeRole_IsAuditedAtTheAppsClock_NotTheMachines()
    {
        // The audit row is dated by the TimeProvider every other write uses, so a test (or a replay) at a fixed instant
        // never gets a row from the wall clock.
        var (_, memberId) = await team.AddMemberAsync("dev@team.test", WorkspaceRole.Member);
        team.Database.Clock.Advance(TimeSpan.FromMinutes(7));

        await team.Service.ChangeRoleAsync(team.Owner, team.WorkspaceId, memberId, WorkspaceRole.Admin, Ct);

        await using var db = team.Database.Open();
        var entry = await db.AuditEntries.SingleAsync(e => e.WorkspaceId == team.WorkspaceId, Ct);
        Assert.Equal(team.Database.Clock.GetUtcNow().UtcDateTime, entry.At);
    }

    [Fact]
    public async Task ChangeRole_LastOwnerDemotingThemselves_IsRefused()
    {
        var ownerMember = await team.MemberIdAsync(team.OwnerId);

        var result = await team.Service.ChangeRoleAsync(team.Owner, team.WorkspaceId, ownerMember, WorkspaceRole.Admin, Ct);

        Assert.Equal(MemberResult.Refused("A workspace needs at least one Owner: make someone else Owner first.", MemberField.Role), result);
        Assert.Equal(WorkspaceRole.Owner, (await team.StoredAsync(team.OwnerId))!.Role);
    }

    [Fact]
    public async Task ChangeRole_AdminDemotingOwner_IsRefused()
    {
        var (adminId, _) = await team.AddMemberAsync("admin@team.test", WorkspaceRole.Admin);
        await team.AddMemberAsync("owner2@team.test", WorkspaceRole.Owner);

        var result = await team.Service.ChangeRoleAsync(TestAuthorization.User(adminId), team.WorkspaceId, await team.MemberIdAsync(team.OwnerId), WorkspaceRole.Viewer, Ct);

        Assert.Equal("Only an Owner can change or remove an Owner.", result.Message);
        Assert.Equal(WorkspaceRole.Owner, (await team.StoredAsync(team.OwnerId))!.Role);
    }

    [Fact]
    public async Task ChangeRole_ByAdminDemotedWhileThePageWasOpen_IsRefusedOnTheNextClick()
    {
        var (adminId, adminMember) = await team.AddMemberAsync("admin@team.test", WorkspaceRole.Admin);
        var (viewerId, viewerMember) = await team.AddMemberAsync("viewer@team.test", WorkspaceRole.Viewer);
        var admin = TestAuthorization.User(adminId);
        var adminsPage = team.NewService();
        Assert.NotNull(await adminsPage.ListAsync(admin, team.WorkspaceId, Ct));

        Assert.True((await team.Service.ChangeRoleAsync(team.Owner, team.WorkspaceId, adminMember, WorkspaceRole.Member, Ct)).Succeeded);
        var result = await adminsPage.ChangeRoleAsync(admin, team.WorkspaceId, viewerMember, WorkspaceRole.Admin, Ct);

        Assert.Equal(MemberResult.Refused(NotAllowed), result);
        Assert.Equal(WorkspaceRole.Viewer, (await team.StoredAsync(viewerId))!.Role);
    }

    [Fact]
    public async Task SetBillingRead_GrantThenRevoke_ChangesOnlyThePermission()
    {
        var (userId, memberId) = await team.AddMemberAsync("viewer@team.test", WorkspaceRole.Viewer);

        var granted = await team.Service.SetBillingReadAsync(team.Owner, team.WorkspaceId, memberId, granted: true, Ct);
        Assert.True(granted.Succeeded, granted.Message);
        Assert.Equal((WorkspaceRole.Viewer, WorkspacePermissions.BillingRead), Stored(await team.StoredAsync(userId)));

        var revoked = await team.Service.SetBillingReadAsync(team.Owner, team.WorkspaceId, memberId, granted: false, Ct);
        Assert.True(revoked.Succeeded, revoked.Message);
        Assert.Equal((WorkspaceRole.Viewer, WorkspacePermissions.None), Stored(await team.StoredAsync(userId)));
    }

    [Fact]
    public async Task SetBillingRead_OnAdmin_IsRefusedAsImplied()
    {
        var (userId, memberId) = await team.AddMemberAsync("admin@team.test", WorkspaceRole.Admin);

        var result = await team.Service.SetBillingReadAsync(team.Owner, team.WorkspaceId, memberId, granted: true, Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("already sees billing", result.Message);
        Assert.Equal(WorkspacePermissions.None, (await team.StoredAsync(userId))!.Permissions);
    }

    [Fact]
    public async Task Remove_Member_DeletesTheMembership()
    {
        var (userId, memberId) = await team.AddMemberAsync("member@team.test", WorkspaceRole.Member);

        var result = await team.Service.RemoveAsync(team.Owner, team.WorkspaceId, memberId, Ct);

        Assert.Equal(MemberResult.Done("member@team.test was removed from the workspace."), result);
        Assert.Null(await team.StoredAsync(userId));
    }

    [Fact]
    public async Task Remove_LastOwner_IsRefused()
    {
        var result = await team.Service.RemoveAsync(team.Owner, team.WorkspaceId, await team.MemberIdAsync(team.OwnerId), Ct);

        Assert.Equal("The last Owner can't be removed: make someone else Owner first.", result.Message);
        Assert.NotNull(await team.StoredAsync(team.OwnerId));
    }

    [Fact]
    public async Task Remove_ByAdminOfOwner_IsRefused()
    {
        var (adminId, _) = await team.AddMemberAsync("admin@team.test", WorkspaceRole.Admin);
        await team.AddMemberAsync("owner2@team.test", WorkspaceRole.Owner);

        var result = await team.Service.RemoveAsync(TestAuthorization.User(adminId), team.WorkspaceId, await team.MemberIdAsync(team.OwnerId), Ct);

        Assert.Equal("Only an Owner can change or remove an Owner.", result.Message);
        Assert.Equal(3, await team.CountMembersAsync());
    }

    [Fact]
    public async Task MemberIdOfAnotherWorkspace_IsNotFound_AndThatMemberIsUntouched()
    {
        var otherOwner = await team.Database.AddUserAsync("other@else.test");
        var other = await team.Database.Provisioner.CreateTeamWorkspaceAsync("Elsewhere", otherOwner, PlanCatalog.Pro, trialDays: null, Ct);
        long foreignMember;
        await using (var db = team.Database.Open())
            foreignMember = await db.WorkspaceMembers.Where(m => m.WorkspaceId == other).Select(m => m.Id).SingleAsync(Ct);

        var removed = await team.Service.RemoveAsync(team.Owner, team.WorkspaceId, foreignMember, Ct);
        var demoted = await team.Service.ChangeRoleAsync(team.Owner, team.WorkspaceId, foreignMember, WorkspaceRole.Viewer, Ct);

        Assert.Equal("That member is no longer in this workspace.", removed.Message);
        Assert.Equal("That member is no longer in this workspace.", demoted.Message);
        await using var check = team.Database.Open();
        Assert.Equal(WorkspaceRole.Owner, (await check.WorkspaceMembers.SingleAsync(m => m.Id == foreignMember, Ct)).Role);
    }

    [Fact]
    public async Task WorkspaceTheUserDoesNotBelongTo_IsRefused_ForListAndChanges()
    {
        var otherOwner = await team.Database.AddUserAsync("other@else.test");
        var other = await team.Database.Provisioner.CreateTeamWorkspaceAsync("Elsewhere", otherOwner, PlanCatalog.Pro, trialDays: null, Ct);
        await team.Database.AddUserAsync("new@team.test");

        Assert.Null(await team.Service.ListAsync(team.Owner, other, Ct));
        Assert.Equal(MemberResult.Refused(NotAllowed), await team.Service.RemoveAsync(team.Owner, other, 1, Ct));
        await using var db = team.Database.Open();
        Assert.Equal(1, await db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == other, Ct));
    }

    private static (WorkspaceRole, WorkspacePermissions) Stored(WorkspaceMember? member) => (member!.Role, member.Permissions);
}
