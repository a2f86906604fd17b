using BillingPortal.Features.Invoices.Pdf;
using BillingPortal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingPortal.Features.Payments.Receipts;

/// <summary>Receipts for card payments no invoice covers: the reader, the PDF writer and the download.</summary>
public static class ReceiptsHosting
{
    /// <summary>After <c>AddInvoices</c>: receipts print the same seller.</summary>
    public static IServiceCollection AddReceipts(this IServiceCollection services)
    {
        services.AddSingleton<ReceiptQuery>();
        services.AddSingleton(sp => new ReceiptPdf(sp.GetRequiredService<InvoiceSellerOptions>()));
        return services;
    }

    /// <summary>
    /// The billing policy reads <c>workspaceId</c> from the route and refuses non-members with 403; the payment is then
    /// looked up within that workspace only, so another workspace's payment id is a plain 404.
    /// </summary>
    public static IEndpointRouteBuilder MapReceiptEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/workspaces/{workspaceId}/billing/receipts").RequireAuthorization(BillingPolicies.Read)
            .MapGet("/{paymentId:guid}/pdf", PdfAsync).WithName("GetReceiptPdf").WithTags("Payments")
            .WithSummary("The receipt of one credit purchase or automatic top-up of this workspace, as a PDF.");
        return app;
    }

    /// <summary>The receipt's app-relative download address, for links.</summary>
    public static string PdfUrl(Guid workspaceId, Guid paymentId) => $"api/workspaces/{workspaceId}/billing/receipts/{paymentId}/pdf";

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(
        Guid workspaceId, Guid paymentId, ReceiptQuery receipts, ReceiptPdf pdf, CancellationToken ct)
    {
        if (await receipts.FindAsync(workspaceId, paymentId, ct) is not { } receipt)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Receipt not found",
                detail: "This workspace has no succeeded credit purchase or automatic top-up with that id. An invoice payment's document is its invoice.");
        return TypedResults.File(pdf.Render(receipt), "application/pdf", ReceiptPdf.FileName(receipt));
    }
}
