using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace BillingPortal.Features.Invoices.Pdf;

/// <summary>
/// Serves the embedded DejaVu Sans to PDFsharp: on Linux it reads no system fonts, so without this it cannot draw a
/// letter. Every family asked for gets DejaVu Sans, so a typo in a font name can never break an invoice.
/// </summary>
internal sealed class InvoiceFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static readonly InvoiceFonts Instance = new();
    private readonly ConcurrentDictionary<string, byte[]> faces = new();

    /// <summary>Installs the resolver once per process; PDFsharp allows the setting only before its first font, and again only with the same instance.</summary>
    public static void EnsureInstalled()
    {
        lock (Gate)
        {
            if (!ReferenceEquals(GlobalFontSettings.FontResolver, Instance))
                GlobalFontSettings.FontResolver = Instance;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[] GetFont(string faceName) => faces.GetOrAdd(faceName, Load);

    private static byte[] Load(string faceName)
    {
        var name = $"BillingPortal.Invoices.Fonts.{faceName}.ttf";
        using var stream = typeof(InvoiceFonts).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The font resource {name} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
