using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Checkout;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Return;
using BillingPortal.Ledger;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Features.Payments.Local;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.Payments;

/// <summary>
/// A team workspace (Free plan: credits start at zero) on a real SQLite file, its Owner, and the payment services
/// wired as the app wires them, with the local gateway and real authorization.
/// </summary>
internal sealed class PaymentsFixture : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly AsyncServiceScope scope;

    private PaymentsFixture(TestDatabase database, string ownerId, Guid workspaceId)
    {
        Database = database;
        OwnerId = ownerId;
        WorkspaceId = workspaceId;
        services = TestAuthorization.Services(database);
        scope = services.CreateAsyncScope();
        Authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        Vault = new LocalCardVault(database.Factory, database.Clock);
        Gateway = new LocalGateway(Vault);
        Fulfilment = NewFulfilment(database.Factory);
        Purchases = new PurchaseService(database.Factory, Gateway, new PaymentsAvailability(PaymentsMode.LocalCheckout), database.Clock);
        Methods = new PaymentMethodStore(database.Writes, database.Clock);
        Events = NewEvents(Fulfilment);
        Checkout = new LocalCheckoutService(database.Factory, Authorization, Events, new PaymentsAvailability(PaymentsMode.LocalCheckout), database.Clock);
        Setups = new LocalCardSetupService(database.Factory, Authorization, Vault, Methods, new PaymentsAvailability(PaymentsMode.LocalCheckout), database.Clock);
        Returns = new PurchaseReturnService(database.Factory, Authorization, Events, Purchases);
    }

    public const string BaseUri = "https://billing.test/";

    public TestDatabase Database { get; }
    public string OwnerId { get; }
    public ClaimsPrincipal Owner => TestAuthorization.User(OwnerId);
    public Guid WorkspaceId { get; }
    public IAuthorizationService Authorization { get; }
    public LocalCardVault Vault { get; }
    public LocalGateway Gateway { get; }
    public PaymentFulfilment Fulfilment { get; }
    public PurchaseService Purchases { get; }
    public PaymentMethodStore Methods { get; }
    public LocalPaymentEvents Events { get; }
    public LocalCheckoutService Checkout { get; }
    public LocalCardSetupService Setups { get; }
    public PurchaseReturnService Returns { get; }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<PaymentsFixture> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var owner = await database.AddUserAsync("owner@pay.test");
        var workspace = await database.Provisioner.CreateTeamWorkspaceAsync("Pay", owner, PlanCatalog.Free, trialDays: null, Ct);
        return new PaymentsFixture(database, owner, workspace);
    }

    /// <summary>Fulfilment over <paramref name="factory"/> (the test's file, or one that fails on purpose).</summary>
    public PaymentFulfilment NewFulfilment(IDbContextFactory<BillingDbContext> factory)
    {
        var notifier = new NotificationService(factory, new LogEmailSender(NullLogger<LogEmailSender>.Instance), new NotificationOptions(), Database.Clock, NullLogger<NotificationService>.Instance);
        return new(factory, new BillingWrites(factory), new CreditLedger(factory, new BillingWrites(factory), Database.Clock),
            notifier, PurposeHandlers(notifier, Database.Clock), [], Database.Clock, NullLogger<PaymentFulfilment>.Instance);
    }

    /// <summary>One handler per payment purpose, as the app registers them.</summary>
    public static IPaymentPurposeHandler[] PurposeHandlers(INotifier notifier, TimeProvider clock) =>
        [new CreditPurchasePayments(notifier), new InvoicePayments(notifier, clock, NullLogger<InvoicePayments>.Instance), new AutoTopUpPayments()];

    public LocalPaymentEvents NewEvents(PaymentFulfilment fulfilment) =>
        new(Database.Factory, fulfilment, Database.Clock, NullLogger<LocalPaymentEvents>.Instance);

    /// <summary>A started purchase of <paramref name="amountMicros"/>: a pending payment with its local checkout.</summary>
    public async Task<Payment> StartPurchaseAsync(long amountMicros = 15 * Money.MicrosPerDollar, string? key = null)
    {
        var start = await Purchases.StartAsync(WorkspaceId, OwnerId, amountMicros, key ?? Guid.NewGuid().ToString("N"), BaseUri, Ct);
        Assert.True(start.Started, start.Error);
        return start.Payment!;
    }

    /// <summary>What Stripe would say about the payment: every field matching what we asked for.</summary>
    public static PaymentReport ReportFor(Payment payment, string source = "test") =>
        new(source, payment.Id, WorkspaceId: payment.WorkspaceId, AmountMicros: payment.AmountMicros, Currency: payment.Currency,
            LiveMode: payment.LiveMode, ProviderPaymentId: $"pi_{payment.Id:N}", ProviderChargeId: $"ch_{payment.Id:N}");

    public async Task<Payment> PaymentAsync(Guid id)
    {
        await using var db = Database.Open();
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id, Ct);
    }

    public async Task<List<LedgerEntry>> EntriesAsync(LedgerEntryType? type = null)
    {
        await using var db = Database.Open();
        return await db.LedgerEntries.AsNoTracking().Where(e => e.WorkspaceId == WorkspaceId && (type == null || e.Type == type))
            .OrderBy(e => e.Id).ToListAsync(Ct);
    }

    public async Task<long> CreditBalanceAsync()
    {
        await using var db = Database.Open();
        return await db.Wallets.Where(w => w.WorkspaceId == WorkspaceId).Select(w => w.CreditBalanceMicros).SingleAsync(Ct);
    }

    public async Task AssertLedgerSoundAsync() =>
        Assert.Empty(await new LedgerAudit(Database.Factory).CheckAsync(WorkspaceId, Ct));

    /// <summary>A registered user who is <paramref name="role"/> of the workspace; returns their principal.</summary>
    public async Task<ClaimsPrincipal> AddMemberAsync(string email, WorkspaceRole role, WorkspacePermissions permissions = WorkspacePermissions.None)
    {
        var userId = await Database.AddUserAsync(email);
        await using var db = Database.Open();
        db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = WorkspaceId, UserId = userId, Role = role, Permissions = permissions, JoinedAt = Database.Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(Ct);
        return TestAuthorization.User(userId);
    }

    /// <summary>Another team workspace, owned by a new user.</summary>
    public async Task<(ClaimsPrincipal Owner, string OwnerId, Guid WorkspaceId)> AddOtherWorkspaceAsync(string ownerEmail)
    {
        var owner = await Database.AddUserAsync(ownerEmail);
        var workspace = await Database.Provisioner.CreateTeamWorkspaceAsync("Other", owner, PlanCatalog.Free, trialDays: null, Ct);
        return (TestAuthorization.User(owner), owner, workspace);
    }

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
