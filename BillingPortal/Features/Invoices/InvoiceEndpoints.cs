using BillingPortal.Features.Invoices.Pdf;
using BillingPortal.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BillingPortal.Features.Invoices;

/// <summary>
/// Invoice downloads. The billing policy reads <c>workspaceId</c> from the route and refuses non-members with 403;
/// the invoice is then looked up within that workspace only, so another workspace's invoice id is a plain 404.
/// </summary>
public static class InvoiceEndpoints
{
    public static IEndpointRouteBuilder MapInvoiceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspaces/{workspaceId}/billing/invoices").RequireAuthorization(BillingPolicies.Read);
        group.MapGet("/{invoiceId:guid}/pdf", PdfAsync).WithName("GetInvoicePdf").WithTags("Invoices")
            .WithSummary("One invoice of this workspace as a PDF.");
        return app;
    }

    /// <summary>The invoice as <c>INV-000042.pdf</c>; Stripe's hosted PDF (a redirect) when Stripe issued it.</summary>
    internal static async Task<Results<FileContentHttpResult, RedirectHttpResult, ProblemHttpResult>> PdfAsync(
        Guid workspaceId, Guid invoiceId, InvoiceQuery invoices, InvoicePdf pdf, CancellationToken ct)
    {
        var invoice = await invoices.FindAsync(workspaceId, invoiceId, ct);
        if (invoice is null)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Invoice not found",
                detail: "This workspace has no invoice with that id.");
        // Only ever an https address (Stripe's); anything else would make this an open redirect, so we draw our own.
        if (Uri.TryCreate(invoice.StripePdfUrl, UriKind.Absolute, out var hosted) && hosted.Scheme == Uri.UriSchemeHttps)
            return TypedResults.Redirect(hosted.AbsoluteUri);
        return TypedResults.File(pdf.Render(invoice), "application/pdf", $"{invoice.DisplayNumber}.pdf");
    }
}
