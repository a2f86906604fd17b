using BillingPortal.Domain.Text;
using BillingPortal.Features.Invoices.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static BillingPortal.Features.Invoices.Pdf.PdfLook;

namespace BillingPortal.Features.Payments.Receipts;

/// <summary>
/// Draws a receipt as a PDF, as Stripe's receipts read: the seller, "Receipt", its number, the amount paid, the date
/// and the card, the one line it paid for, then any refund or dispute since. The invoices' look (<see cref="PdfLook"/>),
/// page and footer; printed in US English whatever the reader's culture.
/// </summary>
public sealed class ReceiptPdf(InvoiceSellerOptions seller)
{
    public byte[] Render(Receipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        PdfSharpSetup.EnsureReady();
        using var document = new PdfDocument();
        document.Info.Title = $"Receipt {receipt.Number}";
        document.Info.Author = seller.Name;
        using (var cursor = new PdfPageCursor(document))
        {
            DrawHeader(cursor, receipt);
            DrawSummary(cursor, receipt);
            cursor.DrawFooters($"{seller.Name} · Receipt {receipt.Number}", Font(8), Muted);
        }
        return Bytes(document);
    }

    /// <summary>The file name a download gets.</summary>
    public static string FileName(Receipt receipt) => $"Receipt-{receipt.Number}.pdf";

    private void DrawHeader(PdfPageCursor c, Receipt receipt)
    {
        var facts = new (string Label, string Value)[]
        {
            ("Amount paid", Amount(receipt.AmountMicros)),
            ("Date paid", DateText.Day(receipt.PaidAt)),
            ("Payment method", receipt.Card ?? "Card"),
        };
        var (sellerBottom, factsBottom) = DrawHead(c, seller, "RECEIPT", receipt.Number, facts, labelWidth: 190);
        var customer = receipt.Customer;
        DrawAddressee(c, "Paid by", customer.Name, customer.AddressLines.Append(customer.TaxId).Append(customer.Email),
            Math.Max(sellerBottom, factsBottom) + 24);
    }

    private static void DrawSummary(PdfPageCursor c, Receipt receipt)
    {
        DrawRow(c, "Description", "Amount", Font(9, bold: true), Muted);
        DrawRow(c, receipt.Description, Amount(receipt.AmountMicros), Font(10), Ink);
        if (receipt.RefundedMicros > 0)
            DrawRow(c, "Refunded to the card", Amount(-receipt.RefundedMicros), Font(10), Ink);
        if (receipt.DisputedMicros > 0)
            DrawRow(c, "Disputed with the card's bank", Amount(-receipt.DisputedMicros), Font(10), Ink);
        c.Y += 17;
        var (label, micros) = receipt.RefundedMicros + receipt.DisputedMicros > 0
            ? ("Net paid", receipt.NetMicros)
            : ($"Amount paid ({receipt.Currency.ToUpperInvariant()})", receipt.AmountMicros);
        c.Graphics.DrawString(label, Font(11, bold: true), Ink, new XPoint(c.Right - 130, c.Y), XStringFormats.BaseLineRight);
        c.Graphics.DrawString(Amount(micros), Font(11, bold: true), Ink, new XPoint(c.Right, c.Y), XStringFormats.BaseLineRight);
    }
}
