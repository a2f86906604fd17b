namespace BillingPortal.Features.Invoices.Pdf;

/// <summary>
/// What PDFsharp needs once per process before it draws: our fonts. PDFsharp is pinned at 6.2.4, the last release
/// under the MIT licence (6.5 names AGPL-3.0 or a commercial licence and refuses to draw until one is loaded);
/// see docs/invoices.md before changing the pin.
/// </summary>
internal static class PdfSharpSetup
{
    public static void EnsureReady() => InvoiceFonts.EnsureInstalled();
}
