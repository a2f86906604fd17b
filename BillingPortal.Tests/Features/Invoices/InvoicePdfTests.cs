using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Features.Invoices;
using BillingPortal.Features.Invoices.Pdf;
using BillingPortal.Tests.Infrastructure;
using PdfSharp.Drawing;
using PdfSharp.Pdf.IO;

namespace BillingPortal.Tests.Features.Invoices;

public sealed class InvoicePdfTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly InvoicePdf pdf = new(new InvoiceSellerOptions { Name = "BillingPortal Inc.", TaxId = "US-12-3456789" });
    private TestDatabase db = default!;
    private InvoiceQuery query = default!;
    private Guid workspace;

    public async ValueTask InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        query = new InvoiceQuery(db.Factory);
        var owner = await db.AddUserAsync("owner@pdf.test");
        workspace = await db.Provisioner.CreateTeamWorkspaceAsync("Acme AI", owner, PlanCatalog.Pro, trialDays: null, Ct);
    }

    public async ValueTask DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task Render_ThePdfOpens_AndShowsTheNumberAndTheTotalToTheMicroDollar()
    {
        var issued = await InvoiceTestData.IssuePeriodAsync(db.Factory, workspace, 0, InvoiceTestData.UsageWithOverage);
        var invoice = (await query.FindAsync(workspace, issued.Id, Ct))!;

        var bytes = pdf.Render(invoice);
        var text = PdfText.All(bytes);
        Save(bytes, "invoice-open-with-overage.pdf");

        // The plan fee ($49) plus the overage (the credit balance below zero, $3.210987, billed to the cent): $52.21.
        Assert.Equal(PlanCatalog.Pro.MonthlyPrice.Micros + 3_210_000, invoice.TotalMicros);
        Assert.Contains(invoice.DisplayNumber, text);
        Assert.Contains("$52.21", text);
        Assert.Contains("$3.21", text);
        Assert.Contains("$49.00", text);
        Assert.Contains("Acme AI", text);
        Assert.Contains("billing@acme.test", text);
        Assert.Contains("BillingPortal Inc.", text);
        Assert.Contains("Tax ID US-12-3456789", text);
        Assert.Contains("OPEN", text);
        Assert.Contains("1 Mar – 1 Apr 2026", text); // the days the period covers: it starts and ends at 09:00
    }

    [Fact]
    public async Task Render_AnotherInvoice_DoesNotShowTheFirstOnesNumberOrTotal()
    {
        // The reading above is only worth something if it can miss: a different invoice must not "contain" them.
        var first = await InvoiceTestData.IssuePeriodAsync(db.Factory, workspace, 0, InvoiceTestData.UsageWithOverage);
        var second = await InvoiceTestData.IssuePeriodAsync(db.Factory, workspace, 1);

        var text = PdfText.All(pdf.Render((await query.FindAsync(workspace, second.Id, Ct))!));

        Assert.Contains(second.DisplayNumber, text);
        Assert.DoesNotContain(first.DisplayNumber, text);
        Assert.DoesNotContain(InvoicePdf.Amount(first.TotalMicros), text);
        Assert.Contains("$49.00", text);
    }

    [Theory]
    [InlineData(InvoiceStatus.Paid, "PAID")]
    [InlineData(InvoiceStatus.PastDue, "PAST DUE")]
    [InlineData(InvoiceStatus.Void, "VOID")]
    public async Task Render_StampsTheStatus(InvoiceStatus status, string stamp)
    {
        var issued = await InvoiceTestData.IssuePeriodAsync(db.Factory, workspace, 0, InvoiceTestData.UsageWithOverage, status: status);

        var bytes = pdf.Render((await query.FindAsync(workspace, issued.Id, Ct))!);
        var text = PdfText.All(bytes);
        Save(bytes, $"invoice-{status.ToString().ToLowerInvariant()}.pdf");

        Assert.Contains(stamp, text);
        Assert.DoesNotContain("OPEN", text);
    }

    [Fact]
    public async Task Render_ListsReceiptsAndUsage_ApartFromTheTotal()
    {
        var issued = await InvoiceTestData.IssuePeriodAsync(db.Factory, workspace, 0, InvoiceTestData.UsageWithOverage);

        var text = PdfText.All(pdf.Render((await query.FindAsync(workspace, issued.Id, Ct))!));

        Assert.Contains("Already paid, for your information (not part of the total)", text);
        Assert.Contains("$10.00", text);
        Assert.Contains("$5.00", text);
        Assert.Contains("$38.456789", text); // the period's usage: allowance plus credits
    }

    [Fact]
    public async Task Render_ManyLines_FlowOntoMorePages_EachWithItsFooter()
    {
        var receipts = Enumerable.Range(0, 80).Select(i => new PaidReceipt(InvoiceTestData.FirstPeriodStart.AddHours(i * 8), $"Automatic top-up number {i}", 1_000_000)).ToList();
        var issued = await InvoiceTestData.IssuePeriodAsync(db.Factory, workspace, 0, new PeriodUsage(1_000_000, 0, 0, receipts));

        var bytes = pdf.Render((await query.FindAsync(workspace, issued.Id, Ct))!);
        var pages = PdfText.Pages(bytes);
        Save(bytes, "invoice-many-lines.pdf");

        Assert.True(pages.Count >= 2, $"{pages.Count} page(s)");
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Page {i + 1} of {pages.Count}", pages[i]);
            Assert.Contains($"BillingPortal Inc. · {issued.DisplayNumber}", pages[i]);
        }
        Assert.Contains("Automatic top-up number 79 (27 Mar 2026), paid", pages[^1]);
        using var stream = new MemoryStream(bytes);
        using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        Assert.Equal($"Invoice {issued.DisplayNumber}", document.Info.Title);
    }

    [Fact]
    public async Task Render_ANameOutsideWindows1252_StillRenders()
    {
        var issued = await InvoiceTestData.IssuePeriodAsync(db.Factory, workspace, 0, customer: "Ακμή 株式会社");

        var bytes = pdf.Render((await query.FindAsync(workspace, issued.Id, Ct))!);

        Assert.Contains(issued.DisplayNumber, PdfText.All(bytes));
    }

    [Fact]
    public async Task Render_ALongBillTo_WrapsWithinThePage_KeepingEveryCharacter()
    {
        // Billing details allow 200 characters a field: a long legal name, and an address "word" with no space to break at.
        var name = string.Join(' ', Enumerable.Repeat("Longname", 22));
        var street = new string('W', 200);
        var issued = await InvoiceTestData.IssuePeriodAsync(db.Factory, workspace, 0, customer: name, address: $"{street}\n10115 Berlin\nGermany");

        var bytes = pdf.Render((await query.FindAsync(workspace, issued.Id, Ct))!);
        var text = PdfText.All(bytes);
        Save(bytes, "invoice-long-bill-to.pdf");

        var nameLines = text.Where(t => t.StartsWith("Longname", StringComparison.Ordinal)).ToList();
        var streetLines = text.Where(t => t.Length > 0 && t.All(ch => ch == 'W')).ToList();
        Assert.True(nameLines.Count > 1 && streetLines.Count > 1, $"{nameLines.Count} name line(s), {streetLines.Count} street line(s)");
        Assert.Equal(name, string.Join(' ', nameLines));
        Assert.Equal(street, string.Concat(streetLines));
        PdfSharpSetup.EnsureReady();
        var measure = XGraphics.CreateMeasureContext(new XSize(612, 792), XGraphicsUnit.Point, XPageDirection.Downwards);
        var room = 612 - 2 * PdfPageCursor.Margin;
        Assert.All(nameLines, t => Assert.True(measure.MeasureString(t, new XFont(InvoiceFonts.Family, 11, XFontStyleEx.Bold)).Width <= room, t));
        Assert.All(streetLines, t => Assert.True(measure.MeasureString(t, new XFont(InvoiceFonts.Family, 9, XFontStyleEx.Regular)).Width <= room, t));
    }

    /// <summary>Keeps the PDF beside the screenshots (TestResults/pdfs) for a person to open.</summary>
    private static void Save(byte[] bytes, string name)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "pdfs");
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, name), bytes);
    }
}
