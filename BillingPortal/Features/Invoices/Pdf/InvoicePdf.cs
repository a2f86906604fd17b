using BillingPortal.Domain.Invoices;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static BillingPortal.Features.Invoices.Pdf.PdfLook;

namespace BillingPortal.Features.Invoices.Pdf;

/// <summary>
/// Draws an invoice as a PDF with PDFsharp: seller, customer, number, dates, period, the lines that make the total,
/// the total, a status stamp, then what was listed for information (receipts, usage), and a footer on every page.
/// Printed in US English whatever the reader's culture: it is a document of record, the same for everyone.
/// </summary>
public sealed class InvoicePdf(InvoiceSellerOptions seller)
{
    /// <summary>The PDF's bytes; <paramref name="invoice"/> must carry its lines.</summary>
    public byte[] Render(Invoice invoice)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        PdfSharpSetup.EnsureReady();
        using var document = new PdfDocument();
        document.Info.Title = $"Invoice {invoice.DisplayNumber}";
        document.Info.Author = seller.Name;
        document.Info.Subject = $"{invoice.DisplayNumber} for {invoice.CustomerName}";
        using (var cursor = new PdfPageCursor(document))
        {
            DrawHeader(cursor, invoice);
            DrawLines(cursor, invoice);
            DrawInformation(cursor, invoice);
            cursor.DrawFooters($"{seller.Name} · {invoice.DisplayNumber}", Font(8), Muted);
        }
        return Bytes(document);
    }

    /// <summary>"$49.00", or every micro-dollar digit the amount has ("$0.0015"): the PDF equals the record.</summary>
    public static string Amount(long micros) => PdfLook.Amount(micros);

    public static string Date(DateTime utc) => Domain.Text.DateText.Day(utc);

    private void DrawHeader(PdfPageCursor c, Invoice invoice)
    {
        // The periods as the lines bill them: a period invoice's plan fee is for the period that starts, its usage the one that ended.
        var facts = new (string Label, string Value)[] { ("Issued", Date(invoice.IssuedAt)), ("Due", Date(invoice.DueAt)) }
            .Concat(InvoicePeriods.Of(invoice).Select(p => (p.Label, p.Days)));
        var (sellerBottom, factY) = DrawHead(c, seller, "INVOICE", invoice.DisplayNumber, facts, labelWidth: 200);
        DrawStamp(c, invoice, new XPoint(c.Right, factY + 8));
        // The details as they were when the invoice was issued.
        DrawAddressee(c, "Bill to", invoice.CustomerName, invoice.CustomerAddressLines.Append(invoice.CustomerTaxId).Append(invoice.CustomerEmail),
            Math.Max(sellerBottom, factY + 40) + 8);
    }

    private static void DrawStamp(PdfPageCursor c, Invoice invoice, XPoint topRight)
    {
        var (text, color) = invoice.Status switch
        {
            InvoiceStatus.Paid => ("PAID", XColor.FromArgb(46, 125, 50)),
            InvoiceStatus.PastDue => ("PAST DUE", XColor.FromArgb(198, 40, 40)),
            InvoiceStatus.Void => ("VOID", XColor.FromArgb(117, 117, 117)),
            _ => ("OPEN", XColor.FromArgb(21, 101, 192)),
        };
        var font = Font(12, bold: true);
        var size = c.Graphics.MeasureString(text, font);
        var box = new XRect(topRight.X - size.Width - 16, topRight.Y, size.Width + 16, 22);
        c.Graphics.DrawRoundedRectangle(new XPen(color, 1.5), box, new XSize(4, 4));
        c.Graphics.DrawString(text, font, new XSolidBrush(color), box, XStringFormats.Center);
    }

    private static void DrawLines(PdfPageCursor c, Invoice invoice)
    {
        var counted = invoice.Lines.Where(l => l.CountsTowardTotal).OrderBy(l => l.Position).ToList();
        DrawTableHeader(c, "Description", "Amount");
        foreach (var line in counted)
            DrawRow(c, line.Description, Amount(line.AmountMicros), Font(10), Ink);

        c.Reserve(64);
        var subtotal = counted.Sum(l => l.AmountMicros);
        DrawTotal(c, "Subtotal", Amount(subtotal), Font(10));
        DrawTotal(c, $"Total ({invoice.Currency.ToUpperInvariant()})", Amount(invoice.TotalMicros), Font(11, bold: true));
        var (label, due) = invoice.Status switch
        {
            InvoiceStatus.Paid => ($"Paid{(invoice.PaidAt is { } at ? " " + Date(at) : "")}", invoice.TotalMicros),
            InvoiceStatus.Void => ("Voided: nothing to pay", 0L),
            _ => ($"Amount due by {Date(invoice.DueAt)}", invoice.TotalMicros),
        };
        DrawTotal(c, label, Amount(due), Font(10));
        c.Y += 18;
    }

    private static void DrawInformation(PdfPageCursor c, Invoice invoice)
    {
        var listed = invoice.Lines.Where(l => !l.CountsTowardTotal).OrderBy(l => l.Position).ToList();
        if (listed.Count == 0)
            return;
        c.Reserve(60);
        c.Graphics.DrawString("Already paid, for your information (not part of the total)", Font(10, bold: true), Ink, c.Left, c.Y + 10);
        c.Y += 20;
        DrawTableHeader(c, "Description", "Amount");
        foreach (var line in listed)
            DrawRow(c, line.Description, Amount(line.AmountMicros), Font(10), Muted);
    }

    private static void DrawTableHeader(PdfPageCursor c, string left, string right)
    {
        c.Reserve(40);
        var font = Font(9, bold: true);
        c.Graphics.DrawString(left, font, Muted, c.Left, c.Y + 10);
        c.Graphics.DrawString(right, font, Muted, new XPoint(c.Right, c.Y + 10), XStringFormats.BaseLineRight);
        c.Y += 16;
        c.Graphics.DrawLine(Rule, c.Left, c.Y, c.Right, c.Y);
        c.Y += 4;
    }

    private static void DrawTotal(PdfPageCursor c, string label, string amount, XFont font)
    {
        c.Y += 17;
        c.Graphics.DrawString(label, font, Ink, new XPoint(c.Right - 130, c.Y), XStringFormats.BaseLineRight);
        c.Graphics.DrawString(amount, font, Ink, new XPoint(c.Right, c.Y), XStringFormats.BaseLineRight);
    }
}
