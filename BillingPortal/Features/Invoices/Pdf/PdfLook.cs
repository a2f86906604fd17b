using System.Globalization;
using BillingPortal.Domain;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BillingPortal.Features.Invoices.Pdf;

/// <summary>
/// What every document of record shares (invoices, receipts): inks, fonts, amounts to the micro-dollar in US English,
/// the head (seller on the left; title, number and facts on the right), the addressee block, rows and the bytes.
/// </summary>
internal static class PdfLook
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");
    public static readonly XBrush Ink = new XSolidBrush(XColor.FromArgb(33, 33, 33));
    public static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(97, 97, 97));
    public static readonly XPen Rule = new(XColor.FromArgb(189, 189, 189), 0.75);

    public static XFont Font(double size, bool bold = false) =>
        new(InvoiceFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);

    /// <summary>"$49.00", or every micro-dollar digit the amount has ("$0.0015"): the PDF equals the record.</summary>
    public static string Amount(long micros) => new Money(micros).Format(Us, exact: true);

    /// <summary>
    /// Draws the seller's block and, on the right, the title, the number and the facts (label, value).
    /// Returns where the seller's block and the facts end.
    /// </summary>
    public static (double SellerBottom, double FactsBottom) DrawHead(PdfPageCursor c, InvoiceSellerOptions seller, string title, string number,
        IEnumerable<(string Label, string Value)> facts, double labelWidth)
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

        g.DrawString(title, Font(20, bold: true), Ink, new XPoint(c.Right, top + 16), XStringFormats.BaseLineRight);
        g.DrawString(number, Font(12, bold: true), Ink, new XPoint(c.Right, top + 34), XStringFormats.BaseLineRight);
        var factY = top + 52;
        foreach (var (label, value) in facts)
        {
            g.DrawString(value, Font(9), Ink, new XPoint(c.Right, factY), XStringFormats.BaseLineRight);
            g.DrawString(label, Font(9), Muted, new XPoint(c.Right - labelWidth, factY), XStringFormats.BaseLineLeft);
            factY += 13;
        }
        return (y, factY);
    }

    /// <summary>
    /// "Bill to" / "Paid by" at <paramref name="y"/>: the name, then the other lines, drawn as text (never interpreted)
    /// and wrapped to the page (a legal name or address line may be 200 characters). Moves the cursor below it.
    /// </summary>
    public static void DrawAddressee(PdfPageCursor c, string label, string name, IEnumerable<string?> lines, double y)
    {
        var g = c.Graphics;
        g.DrawString(label, Font(9, bold: true), Muted, c.Left, y);
        y += 15;
        var nameLines = c.Wrap(name, Font(11, bold: true), c.Width);
        for (var i = 0; i < nameLines.Count; i++)
            g.DrawString(nameLines[i], Font(11, bold: true), Ink, c.Left, i == 0 ? y : y += 14);
        foreach (var line in lines.Where(line => !string.IsNullOrEmpty(line)).SelectMany(line => c.Wrap(line!, Font(9), c.Width)))
            g.DrawString(line, Font(9), Muted, c.Left, y += 13);
        c.Y = y + 28;
    }

    /// <summary>A description (wrapped) and its amount on the right, ruled underneath.</summary>
    public static void DrawRow(PdfPageCursor c, string description, string amount, XFont font, XBrush brush)
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
        c.Y = y - 13 + 6; // the rule sits just under the last line's baseline
        c.Graphics.DrawLine(Rule, c.Left, c.Y, c.Right, c.Y);
        c.Y += 2;
    }

    public static byte[] Bytes(PdfDocument document)
    {
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }
}
