using BillingPortal.Features.Invoices.Pdf;

namespace BillingPortal.Features.Invoices;

public static class InvoicesHosting
{
    /// <summary>The invoice reader and the PDF writer, with the seller printed on the PDFs (<c>Invoices:Seller</c>), and the PDFsharp licence key (<c>Invoices:PdfSharpLicenseKey</c>).</summary>
    public static IServiceCollection AddInvoices(this IServiceCollection services, IConfiguration configuration)
    {
        var seller = configuration.GetSection(InvoiceSellerOptions.Section).Get<InvoiceSellerOptions>() ?? new InvoiceSellerOptions();
        services.AddSingleton(seller);
        services.AddSingleton<InvoiceQuery>();
        // A commercial PDFsharp key when configured; without one PDFsharp runs under its AGPL licence (PdfSharpSetup).
        services.AddSingleton(new InvoicePdf(seller, configuration["Invoices:PdfSharpLicenseKey"]));
        return services;
    }
}
