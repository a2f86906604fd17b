using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Domain.BillingDetails;
using BillingPortal.Domain.Budgets;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Members;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using BillingPortal.Domain.Tokens;
using BillingPortal.Domain.Usage;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Data;

/// <summary>
/// Identity and the billing domain in one database. Each provider has a derived context
/// (<see cref="SqliteBillingDbContext"/>, <see cref="SqlServerBillingDbContext"/>,
/// <see cref="PostgresBillingDbContext"/>) that owns its migration set.
/// </summary>
public abstract class BillingDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Workspace> Workspaces => Set<Workspace>();
    public DbSet<WorkspaceMember> WorkspaceMembers => Set<WorkspaceMember>();
    public DbSet<WorkspaceInvitation> WorkspaceInvitations => Set<WorkspaceInvitation>();
    public DbSet<Subscription> Subscriptions => Set<Subscription>();
    public DbSet<Wallet> Wallets => Set<Wallet>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<CostRate> CostRates => Set<CostRate>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<PersonalToken> PersonalTokens => Set<PersonalToken>();
    public DbSet<UsageLineItem> UsageLineItems => Set<UsageLineItem>();
    public DbSet<UsageEventReceipt> UsageEventReceipts => Set<UsageEventReceipt>();
    public DbSet<UsageRun> UsageRuns => Set<UsageRun>();
    public DbSet<UsageRunKey> UsageRunKeys => Set<UsageRunKey>();
    public DbSet<UsageDailyRollup> UsageDailyRollups => Set<UsageDailyRollup>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentMethod> PaymentMethods => Set<PaymentMethod>();
    public DbSet<CardSetup> CardSetups => Set<CardSetup>();
    public DbSet<PaymentCustomer> PaymentCustomers => Set<PaymentCustomer>();
    public DbSet<WebhookEvent> WebhookEvents => Set<WebhookEvent>();
    public DbSet<LocalCard> LocalCards => Set<LocalCard>();
    public DbSet<CreditSettings> CreditSettings => Set<CreditSettings>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Invoice> Invoices => Set<Invoice>();
    public DbSet<WorkspaceBillingDetails> BillingDetails => Set<WorkspaceBillingDetails>();
    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();
    public DbSet<InvoiceNumberCounter> InvoiceNumberCounters => Set<InvoiceNumberCounter>();
    public DbSet<SalesInquiry> SalesInquiries => Set<SalesInquiry>();
    public DbSet<Budget> Budgets => Set<Budget>();
    public DbSet<BudgetSpend> BudgetSpends => Set<BudgetSpend>();
    public DbSet<RunHold> RunHolds => Set<RunHold>();
    public DbSet<WorkerLease> WorkerLeases => Set<WorkerLease>();
    public DbSet<ThrottleCounter> ThrottleCounters => Set<ThrottleCounter>();
    /// <summary>Append-only; written only through AuditTrail (Features/Activity).</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    /// <summary>The data-protection key ring every app instance shares (<see cref="Hosting.DataProtectionHosting"/>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(BillingDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Every DateTime is UTC; SQLite and datetime2 forget the kind, so restore it on read.
        builder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        builder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}

public sealed class SqliteBillingDbContext(DbContextOptions<SqliteBillingDbContext> options) : BillingDbContext(options);

public sealed class SqlServerBillingDbContext(DbContextOptions<SqlServerBillingDbContext> options) : BillingDbContext(options);

public sealed class PostgresBillingDbContext(DbContextOptions<PostgresBillingDbContext> options) : BillingDbContext(options);
