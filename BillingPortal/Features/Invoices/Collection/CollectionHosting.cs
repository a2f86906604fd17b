using BillingPortal.Features.Payments;

namespace BillingPortal.Features.Invoices.Collection;

public static class CollectionHosting
{
    /// <summary>Invoice collection and dunning: the collector (the billing worker runs its passes) and the Payment page's outstanding invoices.</summary>
    public static IServiceCollection AddInvoiceCollection(this IServiceCollection services)
    {
        services.AddSingleton<InvoiceCollector>();
        services.AddSingleton<IPaymentPurposeHandler, InvoicePayments>();
        services.AddScoped<OutstandingInvoices>();
        return services;
    }
}
