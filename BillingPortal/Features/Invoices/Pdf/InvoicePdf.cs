using System.Globalization;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BillingPortal.Features.Invoices.Pdf;

/// <summary>
/// Draws an invoice as a PDF with PDFsharp: seller, customer, number, dates, period, the lines that make the total,
/// the total, a status stamp, then what was listed for information (receipts, usage), and a footer on every page.
/// Printed in US English whatever the reader's culture: it is a document of record, the same for everyone.
/// </summary>
public sealed class InvoicePdf(InvoiceSellerOptions seller)
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");
    private static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(33, 33, 33));
    private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(97, 97, 97));
    private static readonly XPen Rule = new(XColor.FromArgb(189, 189, 189), 0.75);

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
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    /// <summary>"$49.00", or every micro-dollar digit the amount has ("$0.0015"): the PDF equals the record.</summary>
    public static string Amount(long micros) => new Money(micros).Format(Us, exact: true);

    public static string Date(DateTime utc) => Domain.Text.DateText.Day(utc);

    private void DrawHeader(PdfPageCursor c, Invoice invoice)
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

        g.DrawString("INVOICE", Font(20, bold: true), Ink, new XPoint(c.Right, top + 16), XStringFormats.BaseLineRight);
        g.DrawString(invoice.DisplayNumber, Font(12, bold: true), Ink, new XPoint(c.Right, top + 34), XStringFormats.BaseLineRight);
        // The periods as the lines bill them: a period invoice's plan fee is for the period that starts, its usage the one that ended.
        var facts = new (string Label, string Value)[] { ("Issued", Date(invoice.IssuedAt)), ("Due", Date(invoice.DueAt)) }
            .Concat(InvoicePeriods.Of(invoice).Select(p => (p.Label, p.Days)))
            .ToArray();
        var factY = top + 52;
        foreach (var (label, value) in facts)
        {
            g.DrawString(value, Font(9), Ink, new XPoint(c.Right, factY), XStringFormats.BaseLineRight);
            g.DrawString(label, Font(9), Muted, new XPoint(c.Right - 200, factY), XStringFormats.BaseLineLeft);
            factY += 13;
        }
        DrawStamp(c, invoice, new XPoint(c.Right, factY + 8));

        y = Math.Max(y, factY + 40) + 8;
        g.DrawString("Bill to", Font(9, bold: true), Muted, c.Left, y);
        y += 15;
        // The details as they were when the invoice was issued, drawn as text (never interpreted), wrapped to the
        // page: a legal name or address line may be 200 characters.
        var nameLines = c.Wrap(invoice.CustomerName, Font(11, bold: true), c.Width);
        for (var i = 0; i < nameLines.Count; i++)
            g.DrawString(nameLines[i], Font(11, bold: true), Ink, c.Left, i == 0 ? y : y += 14);
        var billTo = invoice.CustomerAddressLines
            .Append(invoice.CustomerTaxId)
            .Append(invoice.CustomerEmail)
            .Where(line => !string.IsNullOrEmpty(line))
            .SelectMany(line => c.Wrap(line!, Font(9), c.Width));
        foreach (var line in billTo)
            g.DrawString(line, Font(9), Muted, c.Left, y += 13);
        c.Y = y + 28;
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
            DrawRow(c, line.Description, Amount(line.AmountMicros), Ink);

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
            DrawRow(c, line.Description, Amount(line.AmountMicros), Muted);
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

    private static void DrawRow(PdfPageCursor c, string description, string amount, XBrush brush)
    {
        var font = Font(10);
        var lines = c.Wrap(description, font, c.Width - 130);
        c.Reserve(lines.Count * 13 + 8);
        var y = c.Y + 13;
        c.Graphics.DrawString(amount, font, brush, new XPoint(c.Right, y), XStringFormats.BaseLineRight);
        foreach (var text in lines)
        {
            c.Graphics.DrawString(text, font, brush, c.Left, y);
            y += 13;
        }
        c.Y = y - 13 + 6; // the rule sits just under the last line's baseline
        c.Graphics.DrawLine(Rule, c.Left, c.Y, c.Right, c.Y);
        c.Y += 2;
    }

    private static void DrawTotal(PdfPageCursor c, string label, string amount, XFont font)
    {
        c.Y += 17;
        c.Graphics.DrawString(label, font, Ink, new XPoint(c.Right - 130, c.Y), XStringFormats.BaseLineRight);
        c.Graphics.DrawString(amount, font, Ink, new XPoint(c.Right, c.Y), XStringFormats.BaseLineRight);
    }

    private static XFont Font(double size, bool bold = false) =>
        new(InvoiceFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
}
