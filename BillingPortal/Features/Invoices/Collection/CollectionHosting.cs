namespace BillingPortal.Features.Invoices.Collection;

public static class CollectionHosting
{
    /// <summary>Invoice collection and dunning: the collector, its worker, and the Payment page's outstanding invoices.</summary>
    public static IServiceCollection AddInvoiceCollection(this IServiceCollection services)
    {
        services.AddSingleton<InvoiceCollector>();
        services.AddHostedService<InvoiceCollectionWorker>();
        services.AddScoped<OutstandingInvoices>();
        return services;
    }
}
