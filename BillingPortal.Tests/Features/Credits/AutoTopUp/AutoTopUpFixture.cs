using System.Security.Claims;
using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Credits;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.Payments;
using BillingPortal.Ledger;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Tests.Infrastructure;
using BillingPortal.Tests.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BillingPortal.Tests.Features.Credits.AutoTopUp;

/// <summary>
/// A Free-plan team workspace ($1 allowance) on a real SQLite file with $20 of credits and a Visa on file, wired as
/// the app wires auto top-up (<see cref="AutoTopUpHosting.AddAutoTopUp"/>): a ledger that publishes wallet events to
/// the trigger, the real fulfilment and settlement, a scripted gateway and a recording notifier.
/// </summary>
internal sealed class AutoTopUpFixture : IAsyncDisposable
{
    public const long StartingCreditsMicros = 20 * Money.MicrosPerDollar;

    private readonly ServiceProvider services;
    private readonly ServiceProvider authServices;
    private readonly AsyncServiceScope authScope;

    private AutoTopUpFixture(TestDatabase database, ServiceProvider services, ServiceProvider authServices, string ownerId, Guid workspaceId)
    {
        Database = database;
        this.services = services;
        this.authServices = authServices;
        authScope = authServices.CreateAsyncScope();
        OwnerId = ownerId;
        WorkspaceId = workspaceId;
        Settings = new CreditSettingsService(database.Factory, database.Writes, authScope.ServiceProvider.GetRequiredService<IAuthorizationService>(),
            services.GetRequiredService<AutoTopUpSettingsCache>(), database.Clock);
    }

    public TestDatabase Database { get; }
    public string OwnerId { get; }
    public ClaimsPrincipal Owner => TestAuthorization.User(OwnerId);
    public Guid WorkspaceId { get; }
    public PaymentMethod Card { get; private set; } = default!;
    public CreditSettingsService Settings { get; }
    public ScriptedGateway Gateway => (ScriptedGateway)services.GetRequiredService<IPaymentGateway>();
    public RecordingNotifier Notifier => (RecordingNotifier)services.GetRequiredService<INotifier>();
    public CreditLedger Ledger => services.GetRequiredService<CreditLedger>();
    public AutoTopUpRunner Runner => services.GetRequiredService<AutoTopUpRunner>();
    public AutoTopUpWorker Worker => services.GetRequiredService<AutoTopUpWorker>();
    public AutoTopUpQueue Queue => services.GetRequiredService<AutoTopUpQueue>();
    public PaymentFulfilment Fulfilment => services.GetRequiredService<PaymentFulfilment>();
    public PaymentMethodStore Cards => services.GetRequiredService<PaymentMethodStore>();

    public static async Task<AutoTopUpFixture> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var collection = new ServiceCollection();
        collection.AddBillingCore(database);
        collection.AddSingleton<IPaymentGateway, ScriptedGateway>();
        collection.AddAutoTopUp();
        collection.RemoveAll<CreditSettingsService>(); // built below with the real authorization stack
        var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var owner = await database.AddUserAsync("owner@topup.test");
        var workspace = await database.Provisioner.CreateTeamWorkspaceAsync("Top-up", owner, PlanCatalog.Free, trialDays: null);
        var fixture = new AutoTopUpFixture(database, services, TestAuthorization.Services(database), owner, workspace);
        await fixture.Ledger.PostCreditAsync(LedgerEntryType.Grant, new Posting(workspace, StartingCreditsMicros, "grant:start", "Starting credits"));
        fixture.Card = await fixture.AddCardAsync("pm_visa", "4242");
        return fixture;
    }

    public Task<PaymentMethod> AddCardAsync(string providerId, string last4, int expYear = 2030) =>
        Cards.AttachAsync(new CardAttach(WorkspaceId, PaymentProvider.Local, providerId, "visa", last4, 12, expYear));

    /// <summary>On: top up $25 when the balance is at or below $10, at most $100 a month, on the default card.</summary>
    public static AutoTopUpChange Standard(long capMicros = 100 * Money.MicrosPerDollar, Guid? card = null) =>
        new(true, 10 * Money.MicrosPerDollar, 25 * Money.MicrosPerDollar, capMicros, card);

    public async Task EnableAsync(AutoTopUpChange? change = null)
    {
        var result = await Settings.SaveAutoTopUpAsync(Owner, WorkspaceId, change ?? Standard(), TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Values));
    }

    /// <summary>A usage debit, published to the wallet observers as the app publishes it.</summary>
    public Task<PostingResult> SpendAsync(long micros, string? key = null) =>
        Ledger.DebitAsync(new Posting(WorkspaceId, micros, key ?? $"run:{Guid.NewGuid()}", "Agent run"), DebitMode.AllowOverdraft, TestContext.Current.CancellationToken);

    /// <summary>Spends down to exactly <paramref name="spendableMicros"/>.</summary>
    public async Task SpendDownToAsync(long spendableMicros)
    {
        var now = await SpendableAsync();
        if (now > spendableMicros)
            await SpendAsync(now - spendableMicros);
    }

    /// <summary>Runs what the trigger queued, as the worker would.</summary>
    public async Task<IReadOnlyList<AutoTopUpAttempt>> DrainQueueAsync()
    {
        var attempts = new List<AutoTopUpAttempt>();
        foreach (var workspace in Queue.Drain())
            attempts.Add(await Runner.TopUpAsync(workspace, TestContext.Current.CancellationToken));
        return attempts;
    }

    public async Task<long> SpendableAsync()
    {
        await using var db = Database.Open();
        var wallet = await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == WorkspaceId);
        return wallet.AllowanceRemainingMicros + wallet.CreditBalanceMicros;
    }

    public async Task<List<Payment>> AutoPaymentsAsync()
    {
        await using var db = Database.Open();
        return await db.Payments.AsNoTracking().Where(p => p.WorkspaceId == WorkspaceId && p.Purpose == PaymentPurpose.AutoTopUp)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToListAsync();
    }

    public async Task<List<LedgerEntry>> TopUpEntriesAsync()
    {
        await using var db = Database.Open();
        return await db.LedgerEntries.AsNoTracking().Where(e => e.WorkspaceId == WorkspaceId && e.Type == LedgerEntryType.AutoTopUp).ToListAsync();
    }

    public async Task<CreditSettings> StoredSettingsAsync()
    {
        await using var db = Database.Open();
        return await db.CreditSettings.AsNoTracking().SingleAsync(s => s.WorkspaceId == WorkspaceId);
    }

    public async Task<bool> HasSettingsRowAsync()
    {
        await using var db = Database.Open();
        return await db.CreditSettings.AnyAsync(s => s.WorkspaceId == WorkspaceId);
    }

    public async ValueTask DisposeAsync()
    {
        await authScope.DisposeAsync();
        await authServices.DisposeAsync();
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
