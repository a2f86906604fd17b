using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Components.Account;
using BillingPortal.Features.Members;
using BillingPortal.Features.Members.Invitations;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Members;

/// <summary>A team workspace on a real SQLite file, its Owner, and a <see cref="MemberService"/> with real authorization.</summary>
internal sealed class MemberServiceFixture : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly AsyncServiceScope scope;
    private readonly List<AsyncServiceScope> extraScopes = [];

    private MemberServiceFixture(TestDatabase database, string ownerId, Guid workspaceId)
    {
        Database = database;
        OwnerId = ownerId;
        WorkspaceId = workspaceId;
        services = TestAuthorization.Services(database);
        scope = services.CreateAsyncScope();
    }

    public TestDatabase Database { get; }
    public string OwnerId { get; }
    public ClaimsPrincipal Owner => TestAuthorization.User(OwnerId);
    public Guid WorkspaceId { get; }
    public MemberService Service => scope.ServiceProvider.GetRequiredService<MemberService>();
    public InvitationService Invitations => scope.ServiceProvider.GetRequiredService<InvitationService>();
    public InvitationAcceptance Acceptance => scope.ServiceProvider.GetRequiredService<InvitationAcceptance>();
    public OutboxEmailSender Outbox => scope.ServiceProvider.GetRequiredService<OutboxEmailSender>();

    /// <summary>A fresh scope's service, as a second circuit would have.</summary>
    public MemberService NewService()
    {
        var extra = services.CreateAsyncScope();
        extraScopes.Add(extra);
        return extra.ServiceProvider.GetRequiredService<MemberService>();
    }

    public static async Task<MemberServiceFixture> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var owner = await database.AddUserAsync("owner@team.test");
        var workspace = await database.Provisioner.CreateTeamWorkspaceAsync("Team", owner, PlanCatalog.Pro, trialDays: null);
        return new MemberServiceFixture(database, owner, workspace);
    }

    /// <summary>A registered user who is <paramref name="role"/> of the workspace; returns the user id and member id.</summary>
    public async Task<(string UserId, long MemberId)> AddMemberAsync(string email, WorkspaceRole role, WorkspacePermissions permissions = WorkspacePermissions.None)
    {
        var userId = await Database.AddUserAsync(email);
        await using var db = Database.Open();
        var member = new WorkspaceMember { WorkspaceId = WorkspaceId, UserId = userId, Role = role, Permissions = permissions, JoinedAt = Database.Clock.GetUtcNow().UtcDateTime };
        db.WorkspaceMembers.Add(member);
        await db.SaveChangesAsync();
        return (userId, member.Id);
    }

    public async Task<long> MemberIdAsync(string userId)
    {
        await using var db = Database.Open();
        return await db.WorkspaceMembers.Where(m => m.WorkspaceId == WorkspaceId && m.UserId == userId).Select(m => m.Id).SingleAsync();
    }

    /// <summary>The stored membership, or null when the user is not a member.</summary>
    public async Task<WorkspaceMember?> StoredAsync(string userId)
    {
        await using var db = Database.Open();
        return await db.WorkspaceMembers.AsNoTracking().SingleOrDefaultAsync(m => m.WorkspaceId == WorkspaceId && m.UserId == userId);
    }

    public async Task<int> CountMembersAsync()
    {
        await using var db = Database.Open();
        return await db.WorkspaceMembers.CountAsync(m => m.WorkspaceId == WorkspaceId);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var extra in extraScopes)
            await extra.DisposeAsync();
        await scope.DisposeAsync();
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
