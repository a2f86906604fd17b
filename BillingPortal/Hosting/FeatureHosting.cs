using BillingPortal.Features.Demo;
using BillingPortal.Features.Members;
using BillingPortal.Features.Metering;
using BillingPortal.Features.Overview;
using BillingPortal.Features.Workspaces;
using BillingPortal.Ledger;

namespace BillingPortal.Hosting;

public static class FeatureHosting
{
    /// <summary>The feature services that pages and endpoints call.</summary>
    public static WebApplicationBuilder AddFeatures(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CreditLedger>();
        services.AddSingleton<LedgerAudit>();
        services.AddSingleton<WorkspaceProvisioner>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<MemberService>();
        services.AddSingleton<OverviewService>();
        services.AddSingleton<RateCardSeeder>();
        services.AddSingleton<UsageIngestion>();
        services.AddSingleton<MeteringService>();
        return builder;
    }
}
