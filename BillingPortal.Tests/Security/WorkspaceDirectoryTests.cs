using BillingPortal.Domain;
using BillingPortal.Security;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Security;

public sealed class WorkspaceDirectoryTests : IAsyncLifetime
{
    private TestDatabase database = default!;
    private WorkspaceDirectory directory = default!;
    private string user = "";
    private Guid personal, first, second;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        directory = new WorkspaceDirectory(database.Factory);
        user = await database.AddUserAsync("ada@t.test");
        personal = await database.Provisioner.EnsurePersonalWorkspaceAsync(user, "ada", Ct);
        first = await JoinNewTeamAsync("Zeta", joinedDaysAgo: 30);
        second = await JoinNewTeamAsync("Alpha", joinedDaysAgo: 10);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task ResolveCurrent_AfterSelect_IsTheSelectedWorkspace()
    {
        Assert.True(await directory.SelectAsync(user, second, Ct));
        Assert.Equal(second, (await directory.ResolveCurrentAsync(user, Ct))!.WorkspaceId);
    }

    [Fact]
    public async Task ResolveCurrent_WhenRemovedFromTheLastSelected_FallsBackToEarliestJoinedTeam()
    {
        Assert.True(await directory.SelectAsync(user, second, Ct));
        await RemoveAsync(second);

        var current = await directory.ResolveCurrentAsync(user, Ct);

        Assert.Equal(first, current!.WorkspaceId);
        Assert.Null(await directory.FindAsync(user, second, Ct));
    }

    [Fact]
    public async Task ResolveCurrent_WhenRemovedFromEveryTeam_FallsBackToPersonal()
    {
        Assert.True(await directory.SelectAsync(user, first, Ct));
        await RemoveAsync(first);
        await RemoveAsync(second);

        var current = await directory.ResolveCurrentAsync(user, Ct);

        Assert.Equal((personal, WorkspaceKind.Personal, WorkspaceRole.Owner), (current!.WorkspaceId, current.Kind, current.Role));
    }

    [Fact]
    public async Task Select_WorkspaceTheUserIsNotIn_ReturnsFalse_AndKeepsTheCurrentOne()
    {
        Assert.True(await directory.SelectAsync(user, first, Ct));
        var stranger = await database.AddUserAsync("bob@t.test");
        var foreign = await database.Provisioner.CreateTeamWorkspaceAsync("Bob's", stranger, PlanCatalog.Pro, trialDays: null, Ct);

        Assert.False(await directory.SelectAsync(user, foreign, Ct));

        await using var db = database.Open();
        Assert.Equal(first, await db.Users.Where(u => u.Id == user).Select(u => u.LastWorkspaceId).SingleAsync(Ct));
    }

    [Fact]
    public async Task ListForUser_TeamsByName_PersonalLast()
    {
        var list = await directory.ListForUserAsync(user, Ct);
        Assert.Equal([second, first, personal], list.Select(a => a.WorkspaceId));
    }

    private async Task<Guid> JoinNewTeamAsync(string name, int joinedDaysAgo)
    {
        var owner = await database.AddUserAsync($"owner-{name}@t.test");
        var id = await database.Provisioner.CreateTeamWorkspaceAsync(name, owner, PlanCatalog.Pro, trialDays: null, Ct);
        await using var db = database.Open();
        db.WorkspaceMembers.Add(new WorkspaceMember
        {
            WorkspaceId = id, UserId = user, Role = WorkspaceRole.Member, JoinedAt = database.Clock.GetUtcNow().UtcDateTime.AddDays(-joinedDaysAgo),
        });
        await db.SaveChangesAsync(Ct);
        return id;
    }

    private async Task RemoveAsync(Guid workspaceId)
    {
        await using var db = database.Open();
        await db.WorkspaceMembers.Where(m => m.WorkspaceId == workspaceId && m.UserId == user).ExecuteDeleteAsync(Ct);
    }
}
