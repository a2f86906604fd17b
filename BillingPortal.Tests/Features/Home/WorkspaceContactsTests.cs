using BillingPortal.Domain;
using BillingPortal.Features.Home;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Home;

public sealed class WorkspaceContactsTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private TestDatabase db = default!;

    public async ValueTask InitializeAsync() => db = await TestDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task OwnersThenAdmins_InTheOrderTheyJoined_NeverMembersViewersOrAnotherWorkspacesPeople()
    {
        var team = await db.Provisioner.CreateTeamWorkspaceAsync("Team", await db.AddUserAsync("first-owner@team.test"), PlanCatalog.Pro, trialDays: null, Ct);
        var other = await db.Provisioner.CreateTeamWorkspaceAsync("Other", await db.AddUserAsync("owner@other.test"), PlanCatalog.Pro, trialDays: null, Ct);
        await AddAsync(team, "admin@team.test", WorkspaceRole.Admin, minutes: 1);
        await AddAsync(team, "second-owner@team.test", WorkspaceRole.Owner, minutes: 2);
        await AddAsync(team, "finance@team.test", WorkspaceRole.Member, minutes: 3, WorkspacePermissions.BillingRead);
        await AddAsync(team, "viewer@team.test", WorkspaceRole.Viewer, minutes: 4);
        await AddAsync(other, "admin@other.test", WorkspaceRole.Admin, minutes: 5);

        var contacts = await new WorkspaceContacts(db.Factory).OwnersAndAdminsAsync(team, Ct);

        Assert.Equal(
            [("first-owner@team.test", WorkspaceRole.Owner), ("second-owner@team.test", WorkspaceRole.Owner), ("admin@team.test", WorkspaceRole.Admin)],
            contacts.Select(c => (c.Email, c.Role)));
    }

    [Fact]
    public async Task ALargeTeam_ListsAtMostTheLimit_OwnersFirst()
    {
        var team = await db.Provisioner.CreateTeamWorkspaceAsync("Big", await db.AddUserAsync("owner@big.test"), PlanCatalog.Pro, trialDays: null, Ct);
        for (var i = 0; i < WorkspaceContacts.Limit + 3; i++)
            await AddAsync(team, $"admin{i}@big.test", WorkspaceRole.Admin, minutes: i + 1);

        var contacts = await new WorkspaceContacts(db.Factory).OwnersAndAdminsAsync(team, Ct);

        Assert.Equal(WorkspaceContacts.Limit, contacts.Count);
        Assert.Equal("owner@big.test", contacts[0].Email);
    }

    private async Task AddAsync(Guid workspace, string email, WorkspaceRole role, int minutes, WorkspacePermissions permissions = WorkspacePermissions.None)
    {
        var userId = await db.AddUserAsync(email);
        await using var context = db.Open();
        context.WorkspaceMembers.Add(new WorkspaceMember
        {
            WorkspaceId = workspace, UserId = userId, Role = role, Permissions = permissions,
            JoinedAt = db.Clock.GetUtcNow().UtcDateTime.AddMinutes(minutes),
        });
        await context.SaveChangesAsync(Ct);
    }
}
