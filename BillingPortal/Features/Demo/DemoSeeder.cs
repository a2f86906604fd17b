using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Metering;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Subscriptions;
using BillingPortal.Features.Workspaces;
using BillingPortal.Ledger;
using BillingPortal.Features.Payments.Local;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Features.Demo;

/// <summary>
/// Fills an empty database with the "Acme AI" team workspace and its five demo users, with 90 days
/// of ledger history and agent runs posted through the real ledger and metering, so the demo obeys every rule production data does.
/// </summary>
public sealed class DemoSeeder(
    UserManager<ApplicationUser> users,
    IDbContextFactory<BillingDbContext> dbFactory,
    WorkspaceProvisioner provisioner,
    CreditLedger ledger,
    UsageIngestion ingestion,
    LocalCardVault cardVault,
    PaymentMethodStore paymentMethods,
    BillingPeriodService billingPeriods,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public const string Password = "Demo!2345";
    public const string WorkspaceName = "Acme AI";

    /// <summary>The demo users and their place in Acme AI.</summary>
    public static readonly IReadOnlyList<(string Email, WorkspaceRole Role, WorkspacePermissions Permissions)> Users =
    [
        ("owner@acme.test", WorkspaceRole.Owner, WorkspacePermissions.None),
        ("admin@acme.test", WorkspaceRole.Admin, WorkspacePermissions.None),
        ("finance@acme.test", WorkspaceRole.Member, WorkspacePermissions.BillingRead),
        ("member@acme.test", WorkspaceRole.Member, WorkspacePermissions.None),
        ("viewer@acme.test", WorkspaceRole.Viewer, WorkspacePermissions.None),
    ];

    /// <summary>Seeds once: false when the database already has users.</summary>
    public async Task<bool> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Users.AnyAsync(ct))
                return false;
        }

        var ids = new Dictionary<string, string>();
        foreach (var (email, _, _) in Users)
            ids[email] = await CreateUserAsync(email);

        var now = clock.GetUtcNow().UtcDateTime;
        var workspaceId = await provisioner.CreateTeamWorkspaceAsync(WorkspaceName, ids["owner@acme.test"], PlanCatalog.Pro, trialDays: 9,
            openedAt: DemoLedgerHistory.Start(now), ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            foreach (var (email, role, permissions) in Users.Where(u => u.Role != WorkspaceRole.Owner))
                db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = workspaceId, UserId = ids[email], Role = role, Permissions = permissions, JoinedAt = now.AddDays(-85) });
            await db.SaveChangesAsync(ct);
            // Everyone lands in the team workspace, where the demo's data is.
            await db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => u.LastWorkspaceId, workspaceId), ct);
        }

        await new DemoLedgerHistory(ledger, ingestion, workspaceId, now).WriteAsync(ct);
        // A saved default Visa 4242 in the local vault, so auto top-up can be tried at once.
        var token = await cardVault.SaveAsync(CardRules.SavedBehavior(CardRules.Succeeds), "card_local_demo_acme_visa", ct);
        await paymentMethods.AttachAsync(new CardAttach(workspaceId, PaymentProvider.Local, token, "visa", "4242", 12, now.Year + 3), ct);
        await AlignPeriodWithHistoryAsync(workspaceId, ct);
        logger.LogInformation("Demo workspace {Workspace} seeded with {Users} users.", WorkspaceName, Users.Count);
        return true;
    }

    /// <summary>
    /// The history resets the allowance every 30 days, so the subscription's period starts at its last reset: the
    /// allowance the wallet shows is this period's. A period that has ended since is closed as the worker closes it.
    /// </summary>
    private async Task AlignPeriodWithHistoryAsync(Guid workspaceId, CancellationToken ct)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var lastReset = await db.LedgerEntries
                .Where(e => e.WorkspaceId == workspaceId && e.Type == LedgerEntryType.AllowanceReset && e.IdempotencyKey.StartsWith("demo-allowance-"))
                .MaxAsync(e => e.CreatedAt, ct);
            var subscription = await db.Subscriptions.SingleAsync(s => s.WorkspaceId == workspaceId, ct);
            (subscription.BillingAnchor, subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd) = (lastReset, lastReset, lastReset.AddMonths(1));
            await db.SaveChangesAsync(ct);
        }
        PeriodRollover step;
        do step = await billingPeriods.RollOverAsync(workspaceId, ct);
        while (step.MadeProgress);
    }

    private async Task<string> CreateUserAsync(string email)
    {
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await users.CreateAsync(user, Password);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        await provisioner.EnsurePersonalWorkspaceAsync(user.Id, email.Split('@')[0]);
        return user.Id;
    }
}
