using BillingPortal.Domain;
using BillingPortal.Security;
using BillingPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Security;

/// <summary>The three policies against real memberships: the role in the workspace named decides, never another workspace's.</summary>
public sealed class WorkspaceAuthorizationTests : IAsyncLifetime
{
    private TestDatabase database = default!;
    private ServiceProvider services = default!;
    private Guid team, other;
    private readonly Dictionary<WorkspaceRole, string> users = [];
    private string finance = "";
    private string outsider = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        services = TestAuthorization.Services(database);
        users[WorkspaceRole.Owner] = await database.AddUserAsync("owner@t.test");
        team = await database.Provisioner.CreateTeamWorkspaceAsync("Team", users[WorkspaceRole.Owner], PlanCatalog.Pro, trialDays: null, Ct);
        foreach (var role in new[] { WorkspaceRole.Admin, WorkspaceRole.Member, WorkspaceRole.Viewer })
            users[role] = await AddMemberAsync($"{role}@t.test", role, WorkspacePermissions.None);
        finance = await AddMemberAsync("finance@t.test", WorkspaceRole.Member, WorkspacePermissions.BillingRead);
        outsider = await database.AddUserAsync("outsider@o.test");
        other = await database.Provisioner.CreateTeamWorkspaceAsync("Other", outsider, PlanCatalog.Pro, trialDays: null, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    [Theory]
    [InlineData(WorkspaceRole.Owner, true, true, true)]
    [InlineData(WorkspaceRole.Admin, true, true, true)]
    [InlineData(WorkspaceRole.Member, false, false, false)]
    [InlineData(WorkspaceRole.Viewer, false, false, false)]
    public async Task Policies_ForEachRole_FollowTheRoleTable(WorkspaceRole role, bool read, bool manage, bool members)
    {
        Assert.Equal(read, await AllowedAsync(users[role], BillingPolicies.Read, team));
        Assert.Equal(manage, await AllowedAsync(users[role], BillingPolicies.Manage, team));
        Assert.Equal(members, await AllowedAsync(users[role], WorkspacePolicies.ManageMembers, team));
    }

    [Fact]
    public async Task BillingReadPermission_GrantsReadOnly()
    {
        Assert.True(await AllowedAsync(finance, BillingPolicies.Read, team));
        Assert.False(await AllowedAsync(finance, BillingPolicies.Manage, team));
        Assert.False(await AllowedAsync(finance, WorkspacePolicies.ManageMembers, team));
    }

    [Theory]
    [InlineData(BillingPolicies.Read)]
    [InlineData(BillingPolicies.Manage)]
    [InlineData(WorkspacePolicies.ManageMembers)]
    public async Task OwnerOfAnotherWorkspace_IsRefused_ByIdAndByRoute(string policy)
    {
        Assert.False(await AllowedAsync(users[WorkspaceRole.Owner], policy, other));
        Assert.False(await AllowedAsync(users[WorkspaceRole.Owner], policy, Route(other.ToString())));
        Assert.True(await AllowedAsync(users[WorkspaceRole.Owner], policy, Route(team.ToString())));
    }

    [Theory]
    [InlineData(BillingPolicies.Read)]
    [InlineData(WorkspacePolicies.ManageMembers)]
    public async Task RouteWithAnUnreadableWorkspaceId_IsRefused_NotTheCurrentWorkspace(string policy) =>
        Assert.False(await AllowedAsync(users[WorkspaceRole.Owner], policy, Route("not-a-guid")));

    [Fact]
    public async Task WithoutResource_TheCurrentWorkspaceDecides()
    {
        var admin = users[WorkspaceRole.Admin];
        Assert.True(await AllowedAsync(admin, WorkspacePolicies.ManageMembers, resource: null));

        var personal = await database.Provisioner.EnsurePersonalWorkspaceAsync(users[WorkspaceRole.Member], "member", Ct);
        var member = users[WorkspaceRole.Member];
        Assert.False(await AllowedAsync(member, WorkspacePolicies.ManageMembers, resource: null));
        Assert.True(await services.GetRequiredService<WorkspaceDirectory>().SelectAsync(member, personal, Ct));
        Assert.True(await AllowedAsync(member, WorkspacePolicies.ManageMembers, resource: null));
        Assert.True(await AllowedAsync(member, BillingPolicies.Manage, resource: null));
    }

    [Fact]
    public async Task Anonymous_IsRefusedEverywhere()
    {
        using var scope = services.CreateScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var anonymous = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        Assert.False((await authorization.AuthorizeAsync(anonymous, team, WorkspacePolicies.ManageMembers)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(anonymous, team, BillingPolicies.Read)).Succeeded);
    }

    private async Task<bool> AllowedAsync(string userId, string policy, object? resource)
    {
        using var scope = services.CreateScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(TestAuthorization.User(userId), resource, policy)).Succeeded;
    }

    private static DefaultHttpContext Route(string workspaceId)
    {
        var http = new DefaultHttpContext();
        http.Request.RouteValues["workspaceId"] = workspaceId;
        return http;
    }

    private async Task<string> AddMemberAsync(string email, WorkspaceRole role, WorkspacePermissions permissions)
    {
        var userId = await database.AddUserAsync(email);
        await using var db = database.Open();
        db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = team, UserId = userId, Role = role, Permissions = permissions });
        await db.SaveChangesAsync(Ct);
        return userId;
    }
}
