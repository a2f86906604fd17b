using BillingPortal.Features.Invoices.Pdf;

namespace BillingPortal.Features.Invoices;

public static class InvoicesHosting
{
    /// <summary>The invoice reader and the PDF writer, with the seller printed on the PDFs (<c>Invoices:Seller</c>).</summary>
    public static IServiceCollection AddInvoices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(configuration.GetSection(InvoiceSellerOptions.Section).Get<InvoiceSellerOptions>() ?? new InvoiceSellerOptions());
        services.AddSingleton<InvoiceQuery>();
        services.AddSingleton<InvoicePdf>();
        return services;
    }
}
