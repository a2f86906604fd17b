namespace BillingPortal.Features.Plans;

public static class PlansHosting
{
    /// <summary>The plans page's services: plan changes and Enterprise inquiries.</summary>
    public static IServiceCollection AddPlans(this IServiceCollection services)
    {
        services.AddScoped<IUpgradeCollection, UpgradeCollection>();
        services.AddScoped<PlanUpgrade>();
        services.AddScoped<PlanSwitches>();
        services.AddScoped<PlanChangeService>();
        services.AddScoped<SalesInquiryService>();
        return services;
    }
}
