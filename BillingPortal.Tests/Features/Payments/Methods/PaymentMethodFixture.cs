using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Methods;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.Payments.Methods;

/// <summary>A team workspace on a real SQLite file with an Owner, a finance reader, a Member, and the real services.</summary>
internal sealed class PaymentMethodFixture : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly AsyncServiceScope scope;

    private PaymentMethodFixture(TestDatabase database, Guid workspaceId, ClaimsPrincipal owner)
    {
        Database = database;
        WorkspaceId = workspaceId;
        Owner = owner;
        services = TestAuthorization.Services(database);
        scope = services.CreateAsyncScope();
        Store = new PaymentMethodStore(database.Writes, database.Clock);
        Service = new PaymentMethodService(database.Factory, database.Writes, scope.ServiceProvider.GetRequiredService<IAuthorizationService>(), Gateway, new PaymentsAvailability(PaymentsMode.LocalCheckout),
            new CardSetupService(database.Factory, Gateway, new PaymentsAvailability(PaymentsMode.LocalCheckout), database.Clock), database.Clock, NullLogger<PaymentMethodService>.Instance);
    }

    public TestDatabase Database { get; }
    public Guid WorkspaceId { get; }
    public ClaimsPrincipal Owner { get; }
    public StubPaymentGateway Gateway { get; } = new();
    public PaymentMethodStore Store { get; }
    public PaymentMethodService Service { get; }

    public static async Task<PaymentMethodFixture> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var owner = await database.AddUserAsync("owner@team.test");
        var workspace = await database.Provisioner.CreateTeamWorkspaceAsync("Team", owner, PlanCatalog.Pro, trialDays: null);
        return new PaymentMethodFixture(database, workspace, TestAuthorization.User(owner));
    }

    public async Task<ClaimsPrincipal> AddMemberAsync(string email, WorkspaceRole role, WorkspacePermissions permissions = WorkspacePermissions.None)
    {
        var userId = await Database.AddUserAsync(email);
        await using var db = Database.Open();
        db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = WorkspaceId, UserId = userId, Role = role, Permissions = permissions, JoinedAt = Database.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
        return TestAuthorization.User(userId);
    }

    /// <summary>Attaches a card as a provider reports one; a minute passes first, so cards have distinct times.</summary>
    public async Task<PaymentMethod> AddCardAsync(string last4, Guid? workspaceId = null)
    {
        Database.Clock.Advance(TimeSpan.FromMinutes(1));
        return await Store.AttachAsync(new CardAttach(workspaceId ?? WorkspaceId, PaymentProvider.Local, "tok_" + last4 + Guid.NewGuid().ToString("N")[..6], "visa", last4, 12, 2030));
    }

    public async Task SetAutoTopUpAsync(bool enabled, Guid? cardId)
    {
        await using var db = Database.Open();
        db.CreditSettings.Add(new CreditSettings
        {
            WorkspaceId = WorkspaceId, AutoTopUpEnabled = enabled, AutoTopUpPaymentMethodId = cardId,
            AutoTopUpThresholdMicros = 10 * Money.MicrosPerDollar, AutoTopUpAmountMicros = 25 * Money.MicrosPerDollar,
            AutoTopUpMonthlyCapMicros = 100 * Money.MicrosPerDollar, UpdatedAt = Database.Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
    }

    public async Task<List<PaymentMethod>> StoredCardsAsync()
    {
        await using var db = Database.Open();
        return await db.PaymentMethods.AsNoTracking().Where(m => m.WorkspaceId == WorkspaceId).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
