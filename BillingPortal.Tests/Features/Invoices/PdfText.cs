using System.Text;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace BillingPortal.Tests.Features.Invoices;

/// <summary>
/// Opens PDF bytes with PDFsharp's reader and returns, page by page, the strings the content streams show (the
/// operands of Tj and TJ). Text drawn in a Windows-1252 font reads back as written, so a test can look for it.
/// </summary>
internal static class PdfText
{
    public static IReadOnlyList<IReadOnlyList<string>> Pages(byte[] pdf)
    {
        using var stream = new MemoryStream(pdf);
        using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        var pages = new List<IReadOnlyList<string>>();
        for (var i = 0; i < document.PageCount; i++)
        {
            var strings = new List<string>();
            Collect(ContentReader.ReadContent(document.Pages[i]), strings);
            pages.Add(strings);
        }
        return pages;
    }

    public static IReadOnlyList<string> All(byte[] pdf) => [.. Pages(pdf).SelectMany(p => p)];

    // The reader hands back the string's bytes as Latin-1 characters; the font's encoding is Windows-1252 (en dash = 0x96).
    private static string FromWinAnsi(string bytesAsChars) =>
        bytesAsChars.All(c => c <= 0xFF) ? WinAnsi.GetString(Encoding.Latin1.GetBytes(bytesAsChars)) : bytesAsChars;

    private static readonly Encoding WinAnsi = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    private static void Collect(CObject content, List<string> strings)
    {
        switch (content)
        {
            case COperator op when op.OpCode.Name is "Tj" or "TJ" or "'" or "\"":
                foreach (var operand in op.Operands)
                    Collect(operand, strings);
                break;
            case CString text:
                strings.Add(FromWinAnsi(text.Value));
                break;
            case CSequence sequence: // CArray is a CSequence too
                foreach (var item in sequence)
                    Collect(item, strings);
                break;
        }
    }
}
