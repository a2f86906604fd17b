using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Plans;
using BillingPortal.Tests.Features.Credits.AutoTopUp;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.Plans;

/// <summary>
/// A team workspace on a real SQLite file with its Owner, the real authorization stack, and the real plan services.
/// The collection is recorded, not charged: these tests check what the upgrade writes and that it asks for the charge.
/// </summary>
internal sealed class PlanFixture : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly AsyncServiceScope scope;

    private PlanFixture(TestDatabase database, Guid workspaceId, ClaimsPrincipal owner)
    {
        Database = database;
        WorkspaceId = workspaceId;
        Owner = owner;
        services = TestAuthorization.Services(database);
        scope = services.CreateAsyncScope();
        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        var upgrade = new PlanUpgrade(database.Factory, database.Writes, database.Ledger, Collection, Notifier, database.Clock, NullLogger<PlanUpgrade>.Instance);
        Service = new PlanChangeService(database.Factory, authorization, upgrade, new PlanSwitches(database.Writes, database.Ledger, Notifier, database.Clock), database.Clock);
        Inquiries = new SalesInquiryService(database.Factory, authorization, database.Clock);
    }

    public TestDatabase Database { get; }
    public Guid WorkspaceId { get; }
    public ClaimsPrincipal Owner { get; }
    public RecordingNotifier Notifier { get; } = new();
    public RecordingCollection Collection { get; } = new();
    public PlanChangeService Service { get; }
    public SalesInquiryService Inquiries { get; }

    /// <summary>"Team" on <paramref name="plan"/>, Active (or in a trial of <paramref name="trialDays"/>), from 2026-03-01 09:00 UTC.</summary>
    public static async Task<PlanFixture> CreateAsync(Plan plan, int? trialDays = null)
    {
        var database = await TestDatabase.CreateAsync();
        var owner = await database.AddUserAsync("owner@team.test");
        var workspace = await database.Provisioner.CreateTeamWorkspaceAsync("Team", owner, plan, trialDays);
        return new PlanFixture(database, workspace, TestAuthorization.User(owner));
    }

    public async Task<ClaimsPrincipal> AddMemberAsync(string email, WorkspaceRole role, WorkspacePermissions permissions = WorkspacePermissions.None)
    {
        var userId = await Database.AddUserAsync(email);
        await using var db = Database.Open();
        db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = WorkspaceId, UserId = userId, Role = role, Permissions = permissions, JoinedAt = Database.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
        return TestAuthorization.User(userId);
    }

    /// <summary>A default Visa, as a card setup saves one.</summary>
    public Task<PaymentMethod> AddCardAsync(int expYear = 2030) =>
        new PaymentMethodStore(Database.Writes, Database.Clock)
            .AttachAsync(new CardAttach(WorkspaceId, PaymentProvider.Local, "tok_" + Guid.NewGuid().ToString("N")[..8], "visa", "4242", 12, expYear));

    public async Task<Subscription> SubscriptionAsync()
    {
        await using var db = Database.Open();
        return await db.Subscriptions.AsNoTracking().SingleAsync(s => s.WorkspaceId == WorkspaceId);
    }

    public async Task UpdateSubscriptionAsync(Action<Subscription> change)
    {
        await using var db = Database.Open();
        var subscription = await db.Subscriptions.SingleAsync(s => s.WorkspaceId == WorkspaceId);
        change(subscription);
        await db.SaveChangesAsync();
    }

    public async Task<Wallet> WalletAsync()
    {
        await using var db = Database.Open();
        return await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == WorkspaceId);
    }

    public async Task<List<BillingPortal.Domain.Invoices.Invoice>> InvoicesAsync()
    {
        await using var db = Database.Open();
        return await db.Invoices.AsNoTracking().Include(i => i.Lines).Where(i => i.WorkspaceId == WorkspaceId).ToListAsync();
    }

    public async Task<List<LedgerEntry>> EntriesAsync()
    {
        await using var db = Database.Open();
        return await db.LedgerEntries.AsNoTracking().Where(e => e.WorkspaceId == WorkspaceId).OrderBy(e => e.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
