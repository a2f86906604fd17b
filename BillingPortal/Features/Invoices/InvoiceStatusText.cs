using BillingPortal.Domain.Invoices;
using MudBlazor;

namespace BillingPortal.Features.Invoices;

/// <summary>How an invoice status reads and is coloured, the same in the table and the detail.</summary>
public static class InvoiceStatusText
{
    public static string Label(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Open => "Open",
        InvoiceStatus.Paid => "Paid",
        InvoiceStatus.PastDue => "Past due",
        InvoiceStatus.Void => "Void",
        _ => status.ToString(),
    };

    /// <summary>Paid green, Past due red, Void grey; Open in the primary colour, outlined (filled info fails contrast).</summary>
    public static Color Color(InvoiceStatus status) => status switch
    {
        InvoiceStatus.Paid => MudBlazor.Color.Success,
        InvoiceStatus.PastDue => MudBlazor.Color.Error,
        InvoiceStatus.Void => MudBlazor.Color.Default,
        _ => MudBlazor.Color.Primary,
    };

    public static Variant Variant(InvoiceStatus status) =>
        status == InvoiceStatus.Open ? MudBlazor.Variant.Outlined : MudBlazor.Variant.Filled;

    public static string KindLabel(InvoiceKind kind) => kind switch
    {
        InvoiceKind.Proration => "Plan upgrade",
        _ => "Billing period",
    };

    /// <summary>The PDF download for an invoice (relative to the app's base).</summary>
    public static string PdfUrl(Guid workspaceId, Guid invoiceId) => $"api/workspaces/{workspaceId}/billing/invoices/{invoiceId}/pdf";

    /// <summary>
    /// The PDF link's attributes: <c>download</c> keeps Blazor's router from taking the click, so the browser saves
    /// the file; Stripe's hosted PDF (a redirect to another site) opens in a new tab instead.
    /// </summary>
    public static Dictionary<string, object> PdfLinkAttributes(string displayNumber, bool hostedByStripe) => hostedByStripe
        ? new() { ["target"] = "_blank", ["rel"] = "noopener", ["aria-label"] = $"Download PDF: {displayNumber}" }
        : new() { ["download"] = $"{displayNumber}.pdf", ["aria-label"] = $"Download PDF: {displayNumber}" };
}
