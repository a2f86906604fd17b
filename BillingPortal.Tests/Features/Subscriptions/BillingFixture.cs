using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Features.Metering;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Subscriptions;
using BillingPortal.Ledger;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Features.Payments.Local;
using BillingPortal.Tests.Features.Credits.AutoTopUp;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace BillingPortal.Tests.Features.Subscriptions;

/// <summary>
/// The billing cycle wired as the app wires it (<see cref="SubscriptionsHosting.AddBillingPeriods"/>) on a real SQLite
/// file: a ledger publishing wallet events, the real card store and run admission, a recording notifier. The clock
/// starts at 2026-03-01 09:00 UTC.
/// </summary>
internal sealed class BillingFixture : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private int users;

    private BillingFixture(TestDatabase database, ServiceProvider services)
    {
        Database = database;
        this.services = services;
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock => Database.Clock;
    public BillingPeriodService Periods => services.GetRequiredService<BillingPeriodService>();
    public BillingWorker Worker => services.GetRequiredService<BillingWorker>();
    public CreditLedger Ledger => services.GetRequiredService<CreditLedger>();
    public RecordingNotifier Notifier => (RecordingNotifier)services.GetRequiredService<INotifier>();
    public MeteringService Metering => services.GetRequiredService<MeteringService>();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<BillingFixture> CreateAsync(bool workerEnabled = false)
    {
        var database = await TestDatabase.CreateAsync();
        var collection = new ServiceCollection();
        // The worker ends each pass with the real collector, on the local gateway, as the app wires it.
        collection.AddBillingCore(database).AddLocalPayments();
        collection.AddSingleton<MeteringService>();
        collection.AddSingleton<InvoiceCollector>();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Billing:Worker:Enabled"] = workerEnabled ? "true" : "false" })
            .Build();
        collection.AddBillingPeriods(configuration);
        var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        return new BillingFixture(database, services);
    }

    /// <summary>A team workspace created now, owned by a new user, on <paramref name="plan"/> (in trial when <paramref name="trialDays"/> is set).</summary>
    public async Task<Guid> NewWorkspaceAsync(Plan plan, int? trialDays = null, string? name = null)
    {
        var n = Interlocked.Increment(ref users);
        var owner = await Database.AddUserAsync($"owner{n}@periods.test");
        return await Database.Provisioner.CreateTeamWorkspaceAsync(name ?? $"Workspace {n}", owner, plan, trialDays, Ct);
    }

    public Task<PaymentMethod> AddCardAsync(Guid workspaceId, int expYear = 2030) =>
        services.GetRequiredService<PaymentMethodStore>().AttachAsync(
            new CardAttach(workspaceId, PaymentProvider.Local, $"pm_{Guid.NewGuid():N}", "visa", "4242", 12, expYear), Ct);

    /// <summary>Usage debited as the metering ingestion debits it: allowance first, then credits, below zero if need be.</summary>
    public Task<PostingResult> SpendAsync(Guid workspaceId, long micros) =>
        Ledger.DebitAsync(new Posting(workspaceId, micros, $"run:{Guid.NewGuid()}", "Agent run"), DebitMode.AllowOverdraft, Ct);

    public Task<PostingResult> BuyAsync(Guid workspaceId, long micros, string description = "Credit purchase") =>
        Ledger.PostCreditAsync(LedgerEntryType.Purchase, new Posting(workspaceId, micros, $"checkout:{Guid.NewGuid()}", description), Ct);

    public async Task<Subscription> SubscriptionAsync(Guid workspaceId)
    {
        await using var db = Database.Open();
        return await db.Subscriptions.AsNoTracking().SingleAsync(s => s.WorkspaceId == workspaceId, Ct);
    }

    public async Task UpdateSubscriptionAsync(Guid workspaceId, Action<Subscription> change)
    {
        await using var db = Database.Open();
        change(await db.Subscriptions.SingleAsync(s => s.WorkspaceId == workspaceId, Ct));
        await db.SaveChangesAsync(Ct);
    }

    public async Task<Wallet> WalletAsync(Guid workspaceId)
    {
        await using var db = Database.Open();
        return await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == workspaceId, Ct);
    }

    /// <summary>The workspace's invoices with their lines, in number order.</summary>
    public async Task<List<Invoice>> InvoicesAsync(Guid workspaceId)
    {
        await using var db = Database.Open();
        var invoices = await db.Invoices.AsNoTracking().Include(i => i.Lines).Where(i => i.WorkspaceId == workspaceId).ToListAsync(Ct);
        invoices.ForEach(i => i.Lines.Sort((a, b) => a.Position.CompareTo(b.Position)));
        return invoices.OrderBy(i => i.Number).ToList();
    }

    public async Task<List<LedgerEntry>> EntriesAsync(Guid workspaceId, LedgerEntryType type)
    {
        await using var db = Database.Open();
        return await db.LedgerEntries.AsNoTracking().Where(e => e.WorkspaceId == workspaceId && e.Type == type).OrderBy(e => e.Id).ToListAsync(Ct);
    }

    public async Task<IReadOnlyList<LedgerDiscrepancy>> AuditAsync(Guid workspaceId) =>
        await new LedgerAudit(Database.Factory).CheckAsync(workspaceId, Ct);

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
