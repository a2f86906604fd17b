using BillingPortal.Domain;
using BillingPortal.Domain.Members;
using static BillingPortal.Domain.WorkspaceRole;

namespace BillingPortal.Tests.Domain.Members;

public sealed class InvitationRulesTests
{
    // Fixed instants: the rules must not depend on today's date.
    private static readonly DateTime SentAt = new(2026, 3, 10, 14, 30, 0, DateTimeKind.Utc);
    private static readonly DateTime ExpiresAt = SentAt + InvitationRules.Lifetime;
    private static readonly DateTime Later = SentAt.AddHours(1);

    private const string InvitedNormalized = "NEWHIRE@ACME.TEST";
    private static readonly Invitee TheInvitee = new(InvitedNormalized, EmailConfirmed: true, AlreadyMember: false);

    private static WorkspaceInvitation Invitation(WorkspaceRole role = Member) =>
        WorkspaceInvitation.Create(Guid.Parse("6f0c1c1e-0000-4000-8000-000000000001"), "newhire@acme.test",
            InvitedNormalized, role, WorkspacePermissions.None, tokenHash: new string('a', 64), invitedByUserId: "owner-1", SentAt);

    [Fact]
    public void Lifetime_IsSevenDays_FromSending() =>
        Assert.Equal(SentAt.AddDays(7), Invitation().ExpiresAt);

    [Fact]
    public void HappyPath_ConfirmedInvitedAddress_WithinLifetime_IsAccepted()
    {
        var invitation = Invitation();

        Assert.Equal(InvitationRefusal.None, InvitationRules.CanUse(invitation, Later));
        Assert.Equal(InvitationRefusal.None, InvitationRules.CanAccept(invitation, TheInvitee, Later));
        Assert.Equal(InvitationRefusal.None, invitation.Accept("user-7", TheInvitee, Later));
        Assert.Equal(Later, invitation.AcceptedAt);
        Assert.Equal("user-7", invitation.AcceptedByUserId);
        Assert.Equal("", InvitationRules.Describe(InvitationRefusal.None));
    }

    [Fact]
    public void Unknown_NoInvitation_IsRefused()
    {
        Assert.Equal(InvitationRefusal.Unknown, InvitationRules.CanUse(null, Later));
        Assert.Equal(InvitationRefusal.Unknown, InvitationRules.CanAccept(null, TheInvitee, Later));
        Assert.Contains("not valid", InvitationRules.Describe(InvitationRefusal.Unknown));
    }

    [Fact]
    public void Revoked_IsRefused_AndCannotBeRevokedTwice()
    {
        var invitation = Invitation();
        Assert.True(invitation.Revoke(Later).IsAllowed);

        Assert.Equal(InvitationRefusal.Revoked, InvitationRules.CanAccept(invitation, TheInvitee, Later));
        Assert.Equal(InvitationRefusal.Revoked, invitation.Accept("user-7", TheInvitee, Later));
        Assert.Null(invitation.AcceptedAt);
        Assert.Equal("This invitation was already revoked.", invitation.Revoke(Later).Refusal);
    }

    [Fact]
    public void Used_SecondAcceptance_IsRefused_AndKeepsTheFirstUser()
    {
        var invitation = Invitation();
        Assert.Equal(InvitationRefusal.None, invitation.Accept("user-7", TheInvitee, Later));

        Assert.Equal(InvitationRefusal.AlreadyUsed, invitation.Accept("user-8", TheInvitee, Later.AddMinutes(1)));
        Assert.Equal("user-7", invitation.AcceptedByUserId);
        Assert.Equal(Later, invitation.AcceptedAt);
        Assert.Equal("This invitation was already accepted.", invitation.Revoke(Later).Refusal);
    }

    [Fact]
    public void Expired_AtExactlyTheExpiryInstant_IsRefused()
    {
        var invitation = Invitation();
        Assert.Equal(InvitationRefusal.Expired, InvitationRules.CanUse(invitation, ExpiresAt));
        Assert.Equal(InvitationRefusal.Expired, InvitationRules.CanAccept(invitation, TheInvitee, ExpiresAt));
        Assert.Contains("7 days", InvitationRules.Describe(InvitationRefusal.Expired));
    }

    [Fact]
    public void OneTickBeforeExpiry_IsStillUsable()
    {
        var invitation = Invitation();
        var justBefore = ExpiresAt.AddTicks(-1);
        Assert.Equal(InvitationRefusal.None, InvitationRules.CanUse(invitation, justBefore));
        Assert.Equal(InvitationRefusal.None, InvitationRules.CanAccept(invitation, TheInvitee, justBefore));
    }

    [Fact]
    public void Resending_AnExpiredInvitation_GivesItANewLifetime()
    {
        var invitation = Invitation();
        invitation.Resend(Member, WorkspacePermissions.None, new string('b', 64), "owner-1", ExpiresAt.AddDays(1));
        Assert.Equal(InvitationRefusal.None, InvitationRules.CanUse(invitation, ExpiresAt.AddDays(2)));
    }

    [Fact]
    public void OtherAddress_IsRefused_AndDescribedMasked()
    {
        var other = new Invitee("SOMEONE@ELSE.TEST", EmailConfirmed: true, AlreadyMember: false);
        Assert.Equal(InvitationRefusal.AddressMismatch, InvitationRules.CanAccept(Invitation(), other, Later));

        var message = InvitationRules.Describe(InvitationRefusal.AddressMismatch, "newhire@acme.test");
        Assert.Contains("n…@acme.test", message);
        Assert.DoesNotContain("newhire", message);
    }

    [Fact]
    public void OtherAddress_ComparedAfterNormalisation_IsCaseSensitiveOnTheNormalisedForm() =>
        // Identity normalises to upper case; an un-normalised address is not silently accepted.
        Assert.Equal(InvitationRefusal.AddressMismatch,
            InvitationRules.CanAccept(Invitation(), new Invitee("newhire@acme.test", true, false), Later));

    [Fact]
    public void UnconfirmedInvitedAddress_IsRefused_ExactlyLikeAnotherAddress()
    {
        var unconfirmed = new Invitee(InvitedNormalized, EmailConfirmed: false, AlreadyMember: false);
        var noAddress = new Invitee(null, EmailConfirmed: true, AlreadyMember: false);

        Assert.Equal(InvitationRefusal.AddressMismatch, InvitationRules.CanAccept(Invitation(), unconfirmed, Later));
        Assert.Equal(InvitationRefusal.AddressMismatch, InvitationRules.CanAccept(Invitation(), noAddress, Later));
        var invitation = Invitation();
        Assert.Equal(InvitationRefusal.AddressMismatch, invitation.Accept("user-7", unconfirmed, Later));
        Assert.Null(invitation.AcceptedAt);
    }

    [Fact]
    public void AlreadyMember_IsRefused()
    {
        var member = TheInvitee with { AlreadyMember = true };
        Assert.Equal(InvitationRefusal.AlreadyMember, InvitationRules.CanAccept(Invitation(), member, Later));
        Assert.Equal("You are already a member of this workspace.", InvitationRules.Describe(InvitationRefusal.AlreadyMember));
    }

    [Fact]
    public void AdminInvitingAnOwner_IsRefused_OwnerMayInviteAnOwner()
    {
        Assert.Equal("Only an Owner can make someone an Owner.", InvitationRules.CanInvite(Admin, WorkspaceKind.Team, Owner).Refusal);
        Assert.True(InvitationRules.CanInvite(Owner, WorkspaceKind.Team, Owner).IsAllowed);
        Assert.True(InvitationRules.CanInvite(Admin, WorkspaceKind.Team, Member).IsAllowed);
    }

    [Fact]
    public void Inviting_IntoAPersonalWorkspace_OrAsAMember_IsRefused()
    {
        Assert.False(InvitationRules.CanInvite(Owner, WorkspaceKind.Personal, Member).IsAllowed);
        Assert.Equal("Only Owners and Admins can manage members.", InvitationRules.CanChange(Member, Viewer).Refusal);
    }

    [Fact]
    public void AdminChangingAnOwnerInvitation_IsRefused()
    {
        Assert.Equal("Only an Owner can change or revoke an invitation to be Owner.", InvitationRules.CanChange(Admin, Owner).Refusal);
        Assert.True(InvitationRules.CanChange(Admin, Admin).IsAllowed);
        Assert.True(InvitationRules.CanChange(Owner, Owner).IsAllowed);
    }

    [Theory]
    [InlineData("newhire@acme.test", "n…@acme.test")]
    [InlineData("@acme.test", "…")]
    [InlineData("no-at-sign", "…")]
    public void Mask_ShowsFirstLetterAndDomainOnly(string email, string expected) =>
        Assert.Equal(expected, InvitationRules.Mask(email));
}
