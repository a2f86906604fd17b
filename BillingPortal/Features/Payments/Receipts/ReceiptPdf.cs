using System.Globalization;
using BillingPortal.Domain;
using BillingPortal.Domain.Text;
using BillingPortal.Features.Invoices.Pdf;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BillingPortal.Features.Payments.Receipts;

/// <summary>
/// Draws a receipt as a PDF, as Stripe's receipts read: the seller, "Receipt", its number, the amount paid, the date
/// and the card, the one line it paid for, then any refund or dispute since. Same fonts, page and footer as the
/// invoices; printed in US English whatever the reader's culture.
/// </summary>
public sealed class ReceiptPdf(InvoiceSellerOptions seller)
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");
    private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(33, 33, 33));
    private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(97, 97, 97));
    private static readonly XPen Rule = new(XColor.FromArgb(189, 189, 189), 0.75);

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
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>The file name a download gets.</summary>
    public static string FileName(Receipt receipt) => $"Receipt-{receipt.Number}.pdf";

    private static string Amount(long micros) => new Money(micros).Format(Us, exact: true);

    private void DrawHeader(PdfPageCursor c, Receipt receipt)
    {
        var g = c.Graphics;
        var top = c.Y;
        g.DrawString(seller.Name, Font(15, bold: true), Ink, c.Left, top + 14);
        var y = top + 32;
        foreach (var line in seller.AddressLines.Append(seller.Email).Append(seller.TaxId is { } tax ? $"Tax ID {tax}" : null).OfType<string>())
        {
            g.DrawString(line, Font(9), Muted, c.Left, y);
            y += 12;
        }

        g.DrawString("RECEIPT", Font(20, bold: true), Ink, new XPoint(c.Right, top + 16), XStringFormats.BaseLineRight);
        g.DrawString(receipt.Number, Font(12, bold: true), Ink, new XPoint(c.Right, top + 34), XStringFormats.BaseLineRight);
        var facts = new (string Label, string Value)[]
        {
            ("Amount paid", Amount(receipt.AmountMicros)),
            ("Date paid", DateText.Day(receipt.PaidAt)),
            ("Payment method", receipt.Card ?? "Card"),
        };
        var factY = top + 52;
        foreach (var (label, value) in facts)
        {
            g.DrawString(value, Font(9), Ink, new XPoint(c.Right, factY), XStringFormats.BaseLineRight);
            g.DrawString(label, Font(9), Muted, new XPoint(c.Right - 190, factY), XStringFormats.BaseLineLeft);
            factY += 13;
        }

        y = Math.Max(y, factY) + 24;
        g.DrawString("Paid by", Font(9, bold: true), Muted, c.Left, y);
        y += 15;
        // Drawn as text (never interpreted) and wrapped to the page, as an invoice's bill-to is.
        var nameLines = c.Wrap(receipt.Customer.Name, Font(11, bold: true), c.Width);
        for (var i = 0; i < nameLines.Count; i++)
            g.DrawString(nameLines[i], Font(11, bold: true), Ink, c.Left, i == 0 ? y : y += 14);
        var paidBy = receipt.Customer.AddressLines
            .Append(receipt.Customer.TaxId)
            .Append(receipt.Customer.Email)
            .Where(line => !string.IsNullOrEmpty(line))
            .SelectMany(line => c.Wrap(line!, Font(9), c.Width));
        foreach (var line in paidBy)
            g.DrawString(line, Font(9), Muted, c.Left, y += 13);
        c.Y = y + 28;
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
        var total = receipt.RefundedMicros + receipt.DisputedMicros > 0 ? ("Net paid", receipt.NetMicros) : ($"Amount paid ({receipt.Currency.ToUpperInvariant()})", receipt.AmountMicros);
        c.Graphics.DrawString(total.Item1, Font(11, bold: true), Ink, new XPoint(c.Right - 130, c.Y), XStringFormats.BaseLineRight);
        c.Graphics.DrawString(Amount(total.Item2), Font(11, bold: true), Ink, new XPoint(c.Right, c.Y), XStringFormats.BaseLineRight);
    }

    private static void DrawRow(PdfPageCursor c, string description, string amount, XFont font, XBrush brush)
    {
        var lines = c.Wrap(description, font, c.Width - 130);
        c.Reserve(lines.Count * 13 + 8);
        var y = c.Y + 13;
        c.Graphics.DrawString(amount, font, brush, new XPoint(c.Right, y), XStringFormats.BaseLineRight);
        foreach (var text in lines)
        {
            c.Graphics.DrawString(text, font, brush, c.Left, y);
            y += 13;
        }
        c.Y = y - 13 + 6;
        c.Graphics.DrawLine(Rule, c.Left, c.Y, c.Right, c.Y);
        c.Y += 2;
    }

    private static XFont Font(double size, bool bold = false) =>
        new(InvoiceFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
}
