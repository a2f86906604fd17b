using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.ApiKeys;

/// <summary>A team workspace on a real SQLite file, its Owner, and an <see cref="ApiKeyService"/> with real authorization.</summary>
internal sealed class ApiKeyServiceFixture : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly AsyncServiceScope scope;

    private ApiKeyServiceFixture(TestDatabase database, string ownerId, Guid workspaceId)
    {
        Database = database;
        OwnerId = ownerId;
        WorkspaceId = workspaceId;
        services = TestAuthorization.Services(database);
        scope = services.CreateAsyncScope();
        Service = new ApiKeyService(database.Factory, new BillingPortal.Data.BillingWrites(database.Factory), scope.ServiceProvider.GetRequiredService<IAuthorizationService>(), database.Clock);
    }

    public TestDatabase Database { get; }
    public string OwnerId { get; }
    public ClaimsPrincipal Owner => TestAuthorization.User(OwnerId);
    public Guid WorkspaceId { get; }
    public ApiKeyService Service { get; }

    public static async Task<ApiKeyServiceFixture> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var owner = await database.AddUserAsync("owner@team.test");
        var workspace = await database.Provisioner.CreateTeamWorkspaceAsync("Team", owner, PlanCatalog.Pro, trialDays: null);
        return new ApiKeyServiceFixture(database, owner, workspace);
    }

    /// <summary>A registered user who is <paramref name="role"/> of the workspace; returns their principal.</summary>
    public async Task<ClaimsPrincipal> AddMemberAsync(string email, WorkspaceRole role, WorkspacePermissions permissions = WorkspacePermissions.None)
    {
        var userId = await Database.AddUserAsync(email);
        await using var db = Database.Open();
        db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = WorkspaceId, UserId = userId, Role = role, Permissions = permissions, JoinedAt = Database.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
        return TestAuthorization.User(userId);
    }

    /// <summary>Another team workspace, owned by a new user; returns the owner and the workspace.</summary>
    public async Task<(ClaimsPrincipal Owner, Guid WorkspaceId)> AddOtherWorkspaceAsync(string ownerEmail)
    {
        var owner = await Database.AddUserAsync(ownerEmail);
        var workspace = await Database.Provisioner.CreateTeamWorkspaceAsync("Other", owner, PlanCatalog.Pro, trialDays: null);
        return (TestAuthorization.User(owner), workspace);
    }

    public async Task<List<ApiKey>> StoredKeysAsync()
    {
        await using var db = Database.Open();
        return await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
