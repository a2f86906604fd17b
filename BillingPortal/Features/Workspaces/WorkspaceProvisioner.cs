using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Ledger;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Workspaces;

/// <summary>
/// Creates workspaces with everything a workspace always has: an Owner, a subscription and a wallet with its first
/// allowance, in one unit of work (the wallet is opened by the ledger, the only writer of wallets).
/// </summary>
public sealed class WorkspaceProvisioner(IDbContextFactory<BillingDbContext> dbFactory, BillingWrites writes, CreditLedger ledger, TimeProvider clock)
{
    /// <summary>The personal workspace every user gets at registration: Free plan, the user as Owner. Idempotent.</summary>
    public async Task<Guid> EnsurePersonalWorkspaceAsync(string userId, string displayName, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.WorkspaceMembers
            .Where(m => m.UserId == userId && m.Role == WorkspaceRole.Owner)
            .Join(db.Workspaces.Where(w => w.Kind == WorkspaceKind.Personal), m => m.WorkspaceId, w => w.Id, (m, w) => w.Id)
            .FirstOrDefaultAsync(ct);
        if (existing != Guid.Empty)
            return existing;

        var workspace = New($"{displayName} (personal)", WorkspaceKind.Personal, PlanCatalog.Free, SubscriptionStatus.Active, trialDays: null, userId);
        await CreateAsync(workspace, ct);
        return workspace.Id;
    }

    /// <summary>A team workspace owned by <paramref name="ownerUserId"/>, optionally starting in trial.</summary>
    public Task<Guid> CreateTeamWorkspaceAsync(string name, string ownerUserId, Plan plan, int? trialDays, CancellationToken ct = default) =>
        CreateTeamWorkspaceAsync(name, ownerUserId, plan, trialDays, openedAt: null, ct);

    /// <summary>
    /// A team workspace whose history starts at <paramref name="openedAt"/>: the demo writes a quarter of past usage,
    /// and the wallet's first allowance must sit before it in the ledger, not above it as today's newest entry.
    /// The subscription still starts now; whoever backdates aligns its period with the history afterwards.
    /// </summary>
    public async Task<Guid> CreateTeamWorkspaceAsync(string name, string ownerUserId, Plan plan, int? trialDays, DateTime? openedAt, CancellationToken ct = default)
    {
        var status = trialDays is null ? SubscriptionStatus.Active : SubscriptionStatus.Trial;
        var workspace = New(name, WorkspaceKind.Team, plan, status, trialDays, ownerUserId, openedAt);
        await CreateAsync(workspace, ct);
        return workspace.Id;
    }

    /// <summary>The workspace, then its wallet and first allowance: the wallet, like every balance, only ever moves through the ledger.</summary>
    private Task CreateAsync(Workspace workspace, CancellationToken ct) =>
        writes.RunAsync(async (scope, ct) =>
        {
            scope.Db.Workspaces.Add(workspace);
            await scope.Db.SaveChangesAsync(ct);
            var subscription = workspace.Subscription!;
            var opened = workspace.CreatedAt < subscription.CurrentPeriodStart ? workspace.CreatedAt : subscription.CurrentPeriodStart;
            return await ledger.OpenWalletWithinAsync(scope, new Posting(workspace.Id, subscription.Plan.MonthlyAllowance.Micros,
                $"allowance:{opened:yyyyMMddHHmmss}", $"{subscription.Plan.Name} plan allowance for this period",
                At: opened), ct);
        }, ct);

    private Workspace New(string name, WorkspaceKind kind, Plan plan, SubscriptionStatus status, int? trialDays, string ownerUserId, DateTime? openedAt = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var id = Guid.CreateVersion7();
        return new Workspace
        {
            Id = id,
            Name = name,
            Kind = kind,
            CreatedAt = openedAt ?? now,
            Members = [new WorkspaceMember { WorkspaceId = id, UserId = ownerUserId, Role = WorkspaceRole.Owner, JoinedAt = openedAt ?? now }],
            Subscription = new Subscription
            {
                WorkspaceId = id,
                PlanCode = plan.Code,
                Status = status,
                TrialEndsAt = trialDays is { } days ? now.AddDays(days) : null,
                CurrentPeriodStart = now,
                BillingAnchor = now,
                CurrentPeriodEnd = now.AddMonths(1),
            },
        };
    }
}
