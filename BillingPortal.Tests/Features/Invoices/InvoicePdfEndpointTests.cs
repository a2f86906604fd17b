using System.Net;
using BillingPortal.Domain;
using BillingPortal.Features.Demo;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Invoices;

/// <summary>GET /api/workspaces/{workspaceId}/billing/invoices/{invoiceId}/pdf over real HTTP, as each caller.</summary>
public sealed class InvoicePdfEndpointTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("owner@acme.test")]
    [InlineData("finance@acme.test")]
    public async Task Pdf_OfTheWorkspacesOwnInvoice_IsAnAttachedPdf_WithItsNumberAndTotal(string email)
    {
        var (acme, _) = await WorkspacesAsync();
        var invoice = await InvoiceTestData.IssuePeriodAsync(app.Factory.DbFactory, acme, InvoiceTestData.NextPeriodIndex(), InvoiceTestData.UsageWithOverage);
        var client = await app.Factory.LoginAsync(email);

        var response = await client.GetAsync(Url(acme, invoice.Id), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"{invoice.DisplayNumber}.pdf", response.Content.Headers.ContentDisposition?.FileName);
        var text = PdfText.All(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains(invoice.DisplayNumber, text);
        Assert.Contains("$52.21", text);
    }

    [Fact]
    public async Task Pdf_OfAnotherWorkspacesInvoice_IsA404_EvenForAMemberOfBoth()
    {
        var (acme, other) = await WorkspacesAsync();
        var foreign = await InvoiceTestData.IssuePeriodAsync(app.Factory.DbFactory, other, InvoiceTestData.NextPeriodIndex(), customer: "Someone Else");
        var client = await app.Factory.LoginAsync("owner@acme.test");

        foreach (var id in new[] { foreign.Id, Guid.NewGuid(), Guid.Empty })
        {
            var response = await client.GetAsync(Url(acme, id), Ct);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("%PDF", body);
            Assert.DoesNotContain("Someone Else", body);
        }
    }

    [Fact]
    public async Task Pdf_ForAMemberWithoutBillingRead_IsA403()
    {
        var (acme, _) = await WorkspacesAsync();
        var invoice = await InvoiceTestData.IssuePeriodAsync(app.Factory.DbFactory, acme, InvoiceTestData.NextPeriodIndex());
        var client = await app.Factory.LoginAsync("member@acme.test");

        var response = await client.GetAsync(Url(acme, invoice.Id), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("%PDF", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Pdf_ThroughAWorkspaceTheCallerIsNotIn_IsA403()
    {
        var (_, other) = await WorkspacesAsync();
        var invoice = await InvoiceTestData.IssuePeriodAsync(app.Factory.DbFactory, other, InvoiceTestData.NextPeriodIndex());
        var client = await app.Factory.LoginAsync("finance@acme.test");

        var response = await client.GetAsync(Url(other, invoice.Id), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("%PDF", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Pdf_Anonymous_IsA401()
    {
        var (acme, _) = await WorkspacesAsync();

        var response = await app.Factory.CreateBrowserlikeClient().GetAsync(Url(acme, Guid.NewGuid()), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Pdf_OfAnInvoiceStripeIssued_RedirectsToStripesHostedPdf()
    {
        var (acme, _) = await WorkspacesAsync();
        const string hosted = "https://pay.stripe.com/invoice/acct_1Nv0FGQ9RKHgCVdK/test_YWNjdF8xTnYwRkdROVJLSGdDVmRLLF9QcGRm/pdf?s=ap";
        var invoice = await InvoiceTestData.IssuePeriodAsync(app.Factory.DbFactory, acme, InvoiceTestData.NextPeriodIndex(), stripePdfUrl: hosted);
        var client = await app.Factory.LoginAsync("finance@acme.test");

        var response = await client.GetAsync(Url(acme, invoice.Id), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(hosted, response.Headers.Location?.AbsoluteUri);
    }

    [Fact]
    public async Task Pdf_WithAStoredPdfAddressThatIsNotHttps_IsDrawnHere_NeverRedirected()
    {
        var (acme, _) = await WorkspacesAsync();
        var invoice = await InvoiceTestData.IssuePeriodAsync(app.Factory.DbFactory, acme, InvoiceTestData.NextPeriodIndex(), stripePdfUrl: "javascript:alert(1)");
        var client = await app.Factory.LoginAsync("owner@acme.test");

        var response = await client.GetAsync(Url(acme, invoice.Id), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    private static string Url(Guid workspaceId, Guid invoiceId) => $"/api/workspaces/{workspaceId}/billing/invoices/{invoiceId}/pdf";

    private Task<(Guid Acme, Guid Other)> WorkspacesAsync() => DemoWorkspaces.AcmeAndOwnersPersonalAsync(app.Factory.DbFactory, Ct);
}
