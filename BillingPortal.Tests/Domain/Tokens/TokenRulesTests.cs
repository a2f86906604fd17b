using BillingPortal.Domain;
using BillingPortal.Domain.Tokens;
using BillingPortal.Features.BillingApi;
using BillingPortal.Features.Credits;

namespace BillingPortal.Tests.Domain.Tokens;

public sealed class TokenRulesTests
{
    [Theory]
    [InlineData(TokenScope.BillingManage, WorkspaceRole.Owner, WorkspacePermissions.None, TokenScope.BillingManage)]
    [InlineData(TokenScope.BillingManage, WorkspaceRole.Admin, WorkspacePermissions.None, TokenScope.BillingManage)]
    [InlineData(TokenScope.BillingRead, WorkspaceRole.Owner, WorkspacePermissions.None, TokenScope.BillingRead)]
    // Demoted to a member who may read billing: a manage token only reads.
    [InlineData(TokenScope.BillingManage, WorkspaceRole.Member, WorkspacePermissions.BillingRead, TokenScope.BillingRead)]
    [InlineData(TokenScope.BillingManage, WorkspaceRole.Viewer, WorkspacePermissions.BillingRead, TokenScope.BillingRead)]
    [InlineData(TokenScope.BillingManage, WorkspaceRole.Member, WorkspacePermissions.None, null)]
    [InlineData(TokenScope.BillingRead, WorkspaceRole.Viewer, WorkspacePermissions.None, null)]
    public void Effective_IsTheLesserOfTheScopeAndTheOwnersStandingNow(TokenScope scope, WorkspaceRole role, WorkspacePermissions permissions, TokenScope? expected) =>
        Assert.Equal(expected, TokenRights.Effective(scope, role, permissions));

    [Fact]
    public void Effective_ForAnOwnerWhoIsNoLongerAMember_IsNothing() =>
        Assert.Null(TokenRights.Effective(TokenScope.BillingManage, null, WorkspacePermissions.BillingRead));

    [Theory]
    [InlineData(TokenScope.BillingManage, WorkspaceRole.Admin, WorkspacePermissions.None, true)]
    [InlineData(TokenScope.BillingManage, WorkspaceRole.Member, WorkspacePermissions.BillingRead, false)]
    [InlineData(TokenScope.BillingRead, WorkspaceRole.Member, WorkspacePermissions.BillingRead, true)]
    [InlineData(TokenScope.BillingRead, WorkspaceRole.Member, WorkspacePermissions.None, false)]
    public void MayCreate_OnlyWhatTheOwnerHolds(TokenScope scope, WorkspaceRole role, WorkspacePermissions permissions, bool expected) =>
        Assert.Equal(expected, TokenRights.MayCreate(scope, role, permissions));

    [Fact]
    public void Lifetimes_EndExactlyThatManyDaysLater_AndTheEndItselfIsExpired()
    {
        var now = new DateTime(2026, 2, 27, 23, 59, 59, DateTimeKind.Utc);

        Assert.Equal(new DateTime(2026, 3, 29, 23, 59, 59, DateTimeKind.Utc), TokenLifetimes.ExpiresAt(now, TokenLifetime.Days30));
        Assert.Equal(new DateTime(2026, 5, 28, 23, 59, 59, DateTimeKind.Utc), TokenLifetimes.ExpiresAt(now, TokenLifetime.Days90));
        Assert.Null(TokenLifetimes.ExpiresAt(now, TokenLifetime.Never));
        var end = TokenLifetimes.ExpiresAt(now, TokenLifetime.Days30);
        Assert.False(TokenLifetimes.HasExpired(end, end!.Value.AddTicks(-1)));
        Assert.True(TokenLifetimes.HasExpired(end, end.Value));
        Assert.False(TokenLifetimes.HasExpired(null, DateTime.MaxValue));
    }

    [Theory]
    [InlineData("billing:read", TokenScope.BillingRead)]
    [InlineData("billing:manage", TokenScope.BillingManage)]
    [InlineData("Billing:Read", null)]
    [InlineData("billing:write", null)]
    [InlineData("", null)]
    public void Scopes_AreReadByTheirExactNames(string name, TokenScope? expected) => Assert.Equal(expected, TokenScopes.Parse(name));

    [Theory]
    [InlineData("  laptop CLI  ", "laptop CLI", null)]
    [InlineData("   ", null, "Give the token a name")]
    [InlineData("a\u202Eb", null, "The name")]
    public void Names_AreTrimmedPlainText(string input, string? name, string? refusal)
    {
        var (parsed, why) = TokenNames.Parse(input);

        Assert.Equal(name, parsed);
        if (refusal is null)
            Assert.Null(why);
        else
            Assert.StartsWith(refusal, why);
        Assert.NotNull(TokenNames.Parse(new string('x', TokenNames.MaxLength + 1)).Refusal);
    }

    [Fact]
    public void TransactionCursor_RoundTripsAPosition_AndRefusesAnythingElse()
    {
        var position = new LedgerPosition(new DateTime(2026, 3, 10, 14, 30, 0, 123, DateTimeKind.Utc), 4_321);

        Assert.Equal(position, TransactionCursor.Read(TransactionCursor.Write(position)));
        Assert.All(["", "!!!", "MTIzNDU", "YWJjLmRlZg", "LTEuNQ", new string('A', 65)], text => Assert.Null(TransactionCursor.Read(text)));
    }
}
