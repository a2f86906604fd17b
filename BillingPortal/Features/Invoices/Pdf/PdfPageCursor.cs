using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BillingPortal.Features.Invoices.Pdf;

/// <summary>
/// Writes top to bottom on US Letter pages, starting a new page when the next block would cross the footer, and
/// wraps text to a width. Footers are drawn at the end, when the page count is known.
/// </summary>
internal sealed class PdfPageCursor : IDisposable
{
    public const double Margin = 54;
    private const double FooterHeight = 36;

    private readonly PdfDocument document;
    private XGraphics graphics;
    // After the footers nothing more is drawn; reopening a page would add an empty content stream that readers reject.
    private bool finished;

    public PdfPageCursor(PdfDocument document)
    {
        this.document = document;
        graphics = NewPage();
        Y = Margin;
    }

    public XGraphics Graphics => graphics;
    public double Y { get; set; }
    public double Left => Margin;
    public double Right => PageWidth - Margin;
    public double Width => Right - Left;
    private double PageWidth => graphics.PageSize.Width;
    private double Bottom => graphics.PageSize.Height - Margin - FooterHeight;

    /// <summary>Starts a new page when <paramref name="height"/> points do not fit above the footer.</summary>
    public void Reserve(double height)
    {
        if (Y + height <= Bottom)
            return;
        graphics.Dispose();
        graphics = NewPage();
        Y = Margin;
    }

    /// <summary>
    /// The words of <paramref name="text"/> in lines no wider than <paramref name="width"/>; a word wider than a line
    /// (a long name typed without spaces) is cut where it reaches the edge instead of running off the page.
    /// </summary>
    public IReadOnlyList<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(w => Pieces(w, font, width)))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && graphics.MeasureString(candidate, font).Width > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }
        if (line.Length > 0 || lines.Count == 0)
            lines.Add(line);
        return lines;
    }

    private IEnumerable<string> Pieces(string word, XFont font, double width)
    {
        if (graphics.MeasureString(word, font).Width <= width)
        {
            yield return word;
            yield break;
        }
        var start = 0;
        while (start < word.Length)
        {
            var length = 1;
            while (start + length < word.Length && graphics.MeasureString(word.Substring(start, length + 1), font).Width <= width)
                length++;
            // Never between the halves of a surrogate pair.
            if (start + length < word.Length && char.IsHighSurrogate(word[start + length - 1]))
                length += length > 1 ? -1 : 1;
            yield return word.Substring(start, length);
            start += length;
        }
    }

    /// <summary>Draws the same footer on every page: <paramref name="text"/> and "Page i of n". The last thing drawn.</summary>
    public void DrawFooters(string text, XFont font, XBrush brush)
    {
        graphics.Dispose();
        for (var i = 0; i < document.PageCount; i++)
        {
            using var gfx = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
            var y = gfx.PageSize.Height - Margin + 6;
            gfx.DrawLine(new XPen(XColors.LightGray, 0.5), Margin, y - 14, gfx.PageSize.Width - Margin, y - 14);
            gfx.DrawString(text, font, brush, new XPoint(Margin, y), XStringFormats.BaseLineLeft);
            gfx.DrawString($"Page {i + 1} of {document.PageCount}", font, brush, new XPoint(gfx.PageSize.Width - Margin, y), XStringFormats.BaseLineRight);
        }
        finished = true;
    }

    private XGraphics NewPage()
    {
        var page = document.AddPage();
        page.Size = PageSize.Letter;
        return XGraphics.FromPdfPage(page);
    }

    public void Dispose()
    {
        if (!finished)
            graphics.Dispose();
    }
}
