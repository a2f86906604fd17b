namespace BillingPortal.Features.Plans;

public static class PlansHosting
{
    /// <summary>The plans page's services: plan changes, Enterprise inquiries and the what-if of the last period.</summary>
    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddScoped<IUpgradeCollection, UpgradeCollection>();
        services.AddScoped<PlanUpgrade>();
        services.AddScoped<PlanSwitches>();
        services.AddScoped<PlanChangeService>();
        services.AddScoped<SalesInquiryService>();
        services.AddScoped<PlanWhatIfQuery>();
        return services;
    }
}
