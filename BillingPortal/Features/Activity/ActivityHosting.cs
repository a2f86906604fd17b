namespace BillingPortal.Features.Activity;

public static class ActivityHosting
{
    /// <summary>The audit trail's writer, the scope's actor, and the Activity page's query.</summary>
    public static IServiceCollection AddActivity(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<AuditTrail>();
        services.AddScoped<IAuditContext, ScopeAuditContext>();
        services.AddSingleton<ActivityQuery>();
        return services;
    }
}
