using BillingPortal.Ledger;

namespace BillingPortal.Features.Budgets;

public static class BudgetsHosting
{
    /// <summary>Budgets: the service behind the API, CLI and MCP server, the page's board, and the threshold alerts after each usage debit.</summary>
    public static IServiceCollection AddBudgets(this IServiceCollection services)
    {
        services.AddScoped<BudgetService>();
        services.AddScoped<BudgetBoard>();
        services.AddSingleton<BudgetAlerts>();
        services.AddSingleton<IWalletObserver>(sp => sp.GetRequiredService<BudgetAlerts>());
        return services;
    }
}
