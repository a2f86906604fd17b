using BillingPortal.Features.Activity;
using BillingPortal.Features.ApiKeys;
using BillingPortal.Features.BillingDetails;
using BillingPortal.Features.Credits;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Forecasts;
using BillingPortal.Features.Home;
using BillingPortal.Features.Invoices;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Features.Members;
using BillingPortal.Features.Members.Invitations;
using BillingPortal.Features.Members.Membership;
using BillingPortal.Features.Metering;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.Overview;
using BillingPortal.Features.Payments.Methods;
using BillingPortal.Features.Payments.Receipts;
using BillingPortal.Features.Plans;
using BillingPortal.Features.RateCard;
using BillingPortal.Features.SpendAlerts;
using BillingPortal.Features.Subscriptions;
using BillingPortal.Features.Subscriptions.Status;
using BillingPortal.Features.Tokens;
using BillingPortal.Features.Budgets;
using BillingPortal.Features.BillingApi.Costs;
using BillingPortal.Features.Usage;
using BillingPortal.Features.Workspaces;
using BillingPortal.Ledger;

namespace BillingPortal.Hosting;

public static class FeatureHosting
{
    /// <summary>The feature services that pages and endpoints call.</summary>
    public static WebApplicationBuilder AddFeatures(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TestingClock.For(builder.Environment, builder.Configuration));
        services.AddActivity();
        services.AddSingleton<CreditLedger>();
        services.AddSingleton<LedgerAudit>();
        services.AddSingleton<WorkspaceProvisioner>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoDataGuard>();
        services.AddScoped<MembershipWrite>();
        services.AddScoped<MemberService>();
        services.AddScoped<InvitationService>();
        services.AddSingleton<InvitationAcceptance>();
        services.AddSingleton<OverviewService>();
        services.AddSingleton<ForecastService>();
        services.AddSingleton<AgentForecastQuery>();
        services.AddSingleton<WorkspaceContacts>();
        services.AddScoped<ApiKeyService>();
        services.AddSingleton<ApiKeyLookup>();
        services.AddPersonalTokens();
        services.AddSingleton<RateCardQuery>();
        // Registered after AddBillingData's DatabaseInitializer, so it runs once the demo workspace exists.
        services.AddHostedService<DemoApiKey>();
        services.AddHostedService<DemoPersonalToken>();
        services.AddSingleton<UsageQueryService>();
        services.AddSingleton<CostReportService>();
        services.AddSingleton<RateCardSeeder>();
        services.AddSingleton<UsageIngestion>();
        services.AddSingleton<MeteringService>();
        services.AddBudgets();
        services.AddNotifications(builder.Configuration);
        services.AddSpendAlerts(builder.Configuration);
        services.AddSingleton<CreditService>();
        services.AddScoped<PurchaseCredits>();
        services.AddSingleton<ChargeHistoryQuery>();
        services.AddScoped<PaymentMethodService>();
        services.AddBillingPeriods(builder.Configuration);
        services.AddSubscriptionStatus();
        services.AddPlans();
        services.AddInvoices(builder.Configuration);
        services.AddReceipts();
        services.AddBillingDetails();
        services.AddInvoiceCollection();
        // The Budgets page's checks of who may see and change budgets (the API's are the token policies).
        return builder;
    }
}
