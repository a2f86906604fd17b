using BillingPortal.Domain;
using static BillingPortal.Domain.WorkspaceRole;

namespace BillingPortal.Tests.Domain;

public sealed class MembershipRulesTests
{
    [Theory]
    [InlineData(Owner, true)]
    [InlineData(Admin, true)]
    [InlineData(Member, false)]
    [InlineData(Viewer, false)]
    public void CanManageMembers_OnlyOwnerAndAdmin(WorkspaceRole actor, bool expected) =>
        Assert.Equal(expected, MembershipRules.CanManageMembers(actor));

    [Fact]
    public void AssignableRoles_OwnerGivesAny_AdminGivesAllButOwner_OthersNone()
    {
        Assert.Equal([Owner, Admin, Member, Viewer], MembershipRules.AssignableRoles(Owner));
        Assert.Equal([Admin, Member, Viewer], MembershipRules.AssignableRoles(Admin));
        Assert.Empty(MembershipRules.AssignableRoles(Member));
        Assert.Empty(MembershipRules.AssignableRoles(Viewer));
    }

    [Theory]
    [InlineData(Member)]
    [InlineData(Viewer)]
    public void Edit_ByMemberOrViewer_IsRefused(WorkspaceRole actor) =>
        Assert.Equal("Only Owners and Admins can manage members.", MembershipRules.CanEdit(actor, Viewer).Refusal);

    [Fact]
    public void Edit_AdminOnOwner_IsRefused_AdminOnAdmin_IsAllowed()
    {
        Assert.Equal("Only an Owner can change or remove an Owner.", MembershipRules.CanEdit(Admin, Owner).Refusal);
        Assert.True(MembershipRules.CanEdit(Admin, Admin).IsAllowed);
        Assert.True(MembershipRules.CanEdit(Owner, Owner).IsAllowed);
    }

    [Fact]
    public void AddMembers_ToPersonalWorkspace_IsRefused()
    {
        var check = MembershipRules.CanAddMembers(Owner, WorkspaceKind.Personal);
        Assert.False(check.IsAllowed);
        Assert.Contains("personal workspace", check.Refusal);
        Assert.True(MembershipRules.CanAddMembers(Admin, WorkspaceKind.Team).IsAllowed);
        Assert.False(MembershipRules.CanAddMembers(Member, WorkspaceKind.Team).IsAllowed);
    }

    [Fact]
    public void Assign_Owner_OnlyByOwner()
    {
        Assert.Equal("Only an Owner can make someone an Owner.", MembershipRules.CanAssign(Admin, Owner).Refusal);
        Assert.True(MembershipRules.CanAssign(Owner, Owner).IsAllowed);
        Assert.True(MembershipRules.CanAssign(Admin, Admin).IsAllowed);
    }

    [Fact]
    public void Assign_UnknownRole_IsRefused() =>
        Assert.Equal("Choose a role: Owner, Admin, Member or Viewer.", MembershipRules.CanAssign(Owner, (WorkspaceRole)42).Refusal);

    [Fact]
    public void AddUser_AlreadyMember_IsRefused()
    {
        Assert.Equal("This user is already a member of the workspace.", MembershipRules.CanAddUser(alreadyMember: true).Refusal);
        Assert.True(MembershipRules.CanAddUser(alreadyMember: false).IsAllowed);
    }

    [Fact]
    public void ChangeRole_LastOwnerDemoted_IsRefused()
    {
        var check = MembershipRules.CanChangeRole(Owner, current: Owner, next: Admin, owners: 1);
        Assert.Equal("A workspace needs at least one Owner: make someone else Owner first.", check.Refusal);
    }

    [Fact]
    public void ChangeRole_OneOfTwoOwnersDemoted_IsAllowed() =>
        Assert.True(MembershipRules.CanChangeRole(Owner, current: Owner, next: Member, owners: 2).IsAllowed);

    [Fact]
    public void ChangeRole_LastOwnerKeepsOwner_IsAllowed() =>
        Assert.True(MembershipRules.CanChangeRole(Owner, current: Owner, next: Owner, owners: 1).IsAllowed);

    [Fact]
    public void ChangeRole_AdminDemotingOwner_IsRefusedEvenWithManyOwners() =>
        Assert.Equal("Only an Owner can change or remove an Owner.", MembershipRules.CanChangeRole(Admin, Owner, Member, owners: 3).Refusal);

    [Fact]
    public void ChangeRole_AdminPromotingToOwner_IsRefused() =>
        Assert.Equal("Only an Owner can make someone an Owner.", MembershipRules.CanChangeRole(Admin, Member, Owner, owners: 1).Refusal);

    [Theory]
    [InlineData(Admin, Member)]
    [InlineData(Member, Admin)]
    [InlineData(Viewer, Member)]
    public void ChangeRole_AdminAmongNonOwners_IsAllowed(WorkspaceRole current, WorkspaceRole next) =>
        Assert.True(MembershipRules.CanChangeRole(Admin, current, next, owners: 1).IsAllowed);

    [Fact]
    public void Remove_LastOwner_IsRefused()
    {
        Assert.Equal("The last Owner can't be removed: make someone else Owner first.", MembershipRules.CanRemove(Owner, Owner, owners: 1).Refusal);
        Assert.True(MembershipRules.CanRemove(Owner, Owner, owners: 2).IsAllowed);
    }

    [Fact]
    public void Remove_OwnerByAdmin_IsRefused_MemberByAdmin_IsAllowed()
    {
        Assert.Equal("Only an Owner can change or remove an Owner.", MembershipRules.CanRemove(Admin, Owner, owners: 2).Refusal);
        Assert.True(MembershipRules.CanRemove(Admin, Member, owners: 1).IsAllowed);
    }

    [Fact]
    public void Remove_ByViewer_IsRefused() =>
        Assert.Equal("Only Owners and Admins can manage members.", MembershipRules.CanRemove(Viewer, Member, owners: 1).Refusal);

    [Theory]
    [InlineData(Member)]
    [InlineData(Viewer)]
    public void BillingRead_ForMemberOrViewer_IsAllowed(WorkspaceRole target) =>
        Assert.True(MembershipRules.CanSetBillingRead(Admin, target).IsAllowed);

    [Theory]
    [InlineData(Owner)]
    [InlineData(Admin)]
    public void BillingRead_ForOwnerOrAdmin_IsRefusedAsImplied(WorkspaceRole target) =>
        Assert.Equal($"An {target} already sees billing through the role; billing:read is for Members and Viewers.",
            MembershipRules.CanSetBillingRead(Owner, target).Refusal);

    [Fact]
    public void BillingRead_ByMember_IsRefused() =>
        Assert.Equal("Only Owners and Admins can manage members.", MembershipRules.CanSetBillingRead(Member, Viewer).Refusal);

    [Fact]
    public void PermissionsFor_PromotionToAdmin_DropsBillingRead_DemotionKeepsWhatWasGranted()
    {
        Assert.Equal(WorkspacePermissions.None, MembershipRules.PermissionsFor(Admin, WorkspacePermissions.BillingRead));
        Assert.Equal(WorkspacePermissions.None, MembershipRules.PermissionsFor(Owner, WorkspacePermissions.BillingRead));
        Assert.Equal(WorkspacePermissions.BillingRead, MembershipRules.PermissionsFor(Viewer, WorkspacePermissions.BillingRead));
        Assert.Equal(WorkspacePermissions.None, MembershipRules.PermissionsFor(Member, WorkspacePermissions.None));
    }

    [Theory]
    [InlineData("ada@example.com", "ada@example.com")]
    [InlineData("  ada@example.com ", "ada@example.com")]
    public void ParseEmail_PlainAddress_IsTrimmedAndAccepted(string input, string expected)
    {
        var (email, check) = MembershipRules.ParseEmail(input);
        Assert.True(check.IsAllowed);
        Assert.Equal(expected, email);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ParseEmail_Empty_AsksForAnAddress(string? input)
    {
        var (email, check) = MembershipRules.ParseEmail(input);
        Assert.Null(email);
        Assert.Equal("Enter the e-mail address to send the invitation to.", check.Refusal);
    }

    [Theory]
    [InlineData("ada")]
    [InlineData("ada@")]
    [InlineData("@example.com")]
    [InlineData("ada@localhost")]
    [InlineData("Ada <ada@example.com>")]
    [InlineData("ada@example.com, bob@example.com")]
    public void ParseEmail_NotOneAddress_IsRefusedNamingTheInput(string input)
    {
        var (email, check) = MembershipRules.ParseEmail(input);
        Assert.Null(email);
        Assert.Equal($"\"{input}\" is not a valid e-mail address.", check.Refusal);
    }
}
