using BillingPortal.Features.Invoices.Pdf;

namespace BillingPortal.Features.Invoices;

public static class InvoicesHosting
{
    /// <summary>The invoice reader and the PDF writer, with the seller printed on the PDFs (<c>Invoices:Seller</c>).</summary>
    public static IServiceCollection AddInvoices(this IServiceCollection services, IConfiguration configuration)
    {
        var seller = configuration.GetSection(InvoiceSellerOptions.Section).Get<InvoiceSellerOptions>() ?? new InvoiceSellerOptions();
        services.AddSingleton(seller);
        services.AddSingleton<InvoiceQuery>();
        services.AddSingleton(new InvoicePdf(seller));
        return services;
    }
}
