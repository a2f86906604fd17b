using PdfSharp;

namespace BillingPortal.Features.Invoices.Pdf;

/// <summary>
/// What PDFsharp needs once per process before it draws: a licence and our fonts.
/// PDFsharp 6.5 (the only version served to this project) is AGPL-3.0-only or commercial, and refuses to work until
/// one is loaded: with <c>Invoices:PdfSharpLicenseKey</c> set, that commercial key; otherwise the AGPL licence.
/// Which one a deployment may use is a licensing decision (see docs/invoices.md), kept in this one place.
/// </summary>
internal static class PdfSharpSetup
{
    private static readonly Lock Gate = new();
    private static bool ready;

    public static void EnsureReady(string? licenseKey)
    {
        lock (Gate)
        {
            if (!ready)
            {
                if (string.IsNullOrWhiteSpace(licenseKey))
                    PdfSharpLicense.SetAgplLicense();
                else
                    PdfSharpLicense.LoadLicense(licenseKey);
                ready = true;
            }
            InvoiceFonts.EnsureInstalled();
        }
    }
}
