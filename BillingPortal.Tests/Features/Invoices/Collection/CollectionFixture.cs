using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Payments;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Invoices;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Features.Metering;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.Payments;
using BillingPortal.Ledger;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Features.Payments.Local;
using BillingPortal.Tests.Features.Credits.AutoTopUp;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Invoices.Collection;

/// <summary>
/// A Pro team workspace (Active, $25 allowance) on a real SQLite file, wired as the app wires collection: the real
/// fulfilment, ledger and collector, the local gateway (Stripe's test-card behaviours) or a scripted one, a recording
/// notifier, the metering service that admits runs, and the real authorization stack for "Pay now".
/// </summary>
internal sealed class CollectionFixture : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly ServiceProvider authServices;
    private readonly AsyncServiceScope authScope;

    private CollectionFixture(TestDatabase database, ServiceProvider services, ServiceProvider authServices, string ownerId, Guid workspaceId)
    {
        Database = database;
        this.services = services;
        this.authServices = authServices;
        authScope = authServices.CreateAsyncScope();
        OwnerId = ownerId;
        WorkspaceId = workspaceId;
        Outstanding = new OutstandingInvoices(database.Factory, authScope.ServiceProvider.GetRequiredService<IAuthorizationService>(), Collector, new PaymentsAvailability(PaymentsMode.LocalCheckout));
    }

    public TestDatabase Database { get; }
    public string OwnerId { get; }
    public ClaimsPrincipal Owner => TestAuthorization.User(OwnerId);
    public Guid WorkspaceId { get; }
    public DateTime Now => Database.Clock.GetUtcNow().UtcDateTime;
    public InvoiceCollector Collector => services.GetRequiredService<InvoiceCollector>();
    public OutstandingInvoices Outstanding { get; }
    public PaymentFulfilment Fulfilment => services.GetRequiredService<PaymentFulfilment>();
    public MeteringService Metering => services.GetRequiredService<MeteringService>();
    public RecordingNotifier Notifier => (RecordingNotifier)services.GetRequiredService<INotifier>();
    public ScriptedGateway Scripted => (ScriptedGateway)services.GetRequiredService<IPaymentGateway>();
    private LocalCardVault Vault => services.GetRequiredService<LocalCardVault>();
    private PaymentMethodStore Cards => services.GetRequiredService<PaymentMethodStore>();

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="scripted">A <see cref="ScriptedGateway"/> instead of the local gateway (to hold, lose or fail charges).</param>
    public static async Task<CollectionFixture> CreateAsync(bool scripted = false)
    {
        var database = await TestDatabase.CreateAsync();
        var collection = new ServiceCollection();
        collection.AddBillingCore(database);
        collection.AddSingleton<LocalCardVault>();
        if (scripted)
            collection.AddSingleton<IPaymentGateway, ScriptedGateway>();
        else
            collection.AddSingleton<IPaymentGateway, LocalGateway>();
        collection.AddSingleton<InvoiceCollector>();
        collection.AddSingleton<MeteringService>();
        var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var owner = await database.AddUserAsync("owner@collect.test");
        var workspace = await database.Provisioner.CreateTeamWorkspaceAsync("Collect Co", owner, PlanCatalog.Pro, trialDays: null, Ct);
        return new CollectionFixture(database, services, TestAuthorization.Services(database), owner, workspace);
    }

    /// <summary>Saves a local test card that behaves as <paramref name="behavior"/>; the first card becomes the default.</summary>
    public async Task<PaymentMethod> AddCardAsync(LocalCardBehavior behavior, string last4, bool makeDefault = false)
    {
        var token = await Vault.SaveAsync(behavior, ct: Ct);
        var card = await Cards.AttachAsync(new CardAttach(WorkspaceId, PaymentProvider.Local, token, "visa", last4, 12, 2035), Ct);
        if (makeDefault)
            await MakeDefaultAsync(card.Id);
        return card;
    }

    /// <summary>Makes the card the one default, as the Payment page's "Set default" does.</summary>
    public async Task MakeDefaultAsync(Guid cardId)
    {
        await using var db = Database.Open();
        await db.PaymentMethods.Where(m => m.WorkspaceId == WorkspaceId && m.RemovedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.IsDefault, m => m.Id == cardId), Ct);
    }

    /// <summary>Issues a period invoice now, through the one invoice writer, due after the standard terms.</summary>
    public async Task<Invoice> IssueAsync(long totalMicros = 49 * Money.MicrosPerDollar, string? key = null)
    {
        await using var db = Database.Open();
        db.Database.AutoSavepointsEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync(Ct);
        var now = Now;
        var issue = await InvoiceIssuer.IssueWithinAsync(db, new InvoiceDraft(WorkspaceId, InvoiceKind.Period, key ?? $"period:{now:yyyyMMddHHmmss}",
            PlanCatalog.Pro.Code, now.AddMonths(-1), now, now, now + BillingTerms.DueAfter, "Collect Co", "owner@collect.test",
            [new InvoiceLineSpec(InvoiceLineKind.PlanFee, "Pro plan", totalMicros)]), Ct);
        await tx.CommitAsync(Ct);
        return issue.Invoice;
    }

    public async Task<Invoice> InvoiceAsync(Guid id)
    {
        await using var db = Database.Open();
        return await db.Invoices.AsNoTracking().SingleAsync(i => i.Id == id, Ct);
    }

    public async Task<Subscription> SubscriptionAsync()
    {
        await using var db = Database.Open();
        return await db.Subscriptions.AsNoTracking().SingleAsync(s => s.WorkspaceId == WorkspaceId, Ct);
    }

    public async Task<List<Payment>> PaymentsAsync(Guid invoiceId)
    {
        await using var db = Database.Open();
        return await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoiceId).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync(Ct);
    }

    public async Task<List<LedgerEntry>> EntriesAsync()
    {
        await using var db = Database.Open();
        return await db.LedgerEntries.AsNoTracking().Where(e => e.WorkspaceId == WorkspaceId).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    /// <summary>Moves the clock to <paramref name="at"/> and runs one worker pass there.</summary>
    public async Task<int> RunAtAsync(DateTime at)
    {
        Database.Clock.SetUtcNow(new DateTimeOffset(at, TimeSpan.Zero));
        return await Collector.RunDueAsync(Ct);
    }

    public async Task<ClaimsPrincipal> AddMemberAsync(string email, WorkspaceRole role, WorkspacePermissions permissions = WorkspacePermissions.None)
    {
        var userId = await Database.AddUserAsync(email);
        await using var db = Database.Open();
        db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = WorkspaceId, UserId = userId, Role = role, Permissions = permissions, JoinedAt = Now });
        await db.SaveChangesAsync(Ct);
        return TestAuthorization.User(userId);
    }

    public async ValueTask DisposeAsync()
    {
        await authScope.DisposeAsync();
        await authServices.DisposeAsync();
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
