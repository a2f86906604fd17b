using System.Net;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Payments.Methods;
using BillingPortal.Tests.Features.Invoices;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingPortal.Tests.Features.Payments.Receipts;

/// <summary>
/// GET /api/workspaces/{workspaceId}/billing/receipts/{paymentId}/pdf over real HTTP, as each caller, on the demo's own
/// card payments; and the demo's charge history agrees with its ledger.
/// </summary>
public sealed class ReceiptEndpointTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("owner@acme.test")]
    [InlineData("finance@acme.test")]
    public async Task Pdf_OfADemoPurchase_IsAnAttachedPdf_WithItsNumberAndAmount(string email)
    {
        var (acme, _) = await WorkspacesAsync();
        var purchase = await PurchaseAsync(acme, refunded: false);
        var client = await app.Factory.LoginAsync(email);

        var response = await client.GetAsync(Url(acme, purchase.Id), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"Receipt-{ReceiptRules.Number(purchase.Id)}.pdf", response.Content.Headers.ContentDisposition?.FileName);
        var text = PdfText.All(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains(ReceiptRules.Number(purchase.Id), text);
        Assert.Contains(PdfAmount(purchase.AmountMicros), text);
        Assert.Contains("Visa •••• 4242", text);
    }

    [Fact]
    public async Task Pdf_OfAnotherWorkspacesPayment_OrAnIdThatIsNoReceipt_IsA404ProblemWithoutThePdf()
    {
        var (acme, other) = await WorkspacesAsync();
        var foreign = await AddPaymentAsync(other, PaymentPurpose.CreditPurchase, PaymentStatus.Succeeded, "Someone Else's purchase");
        var failed = await AddPaymentAsync(acme, PaymentPurpose.CreditPurchase, PaymentStatus.Failed, "A declined purchase");
        var client = await app.Factory.LoginAsync("owner@acme.test");

        foreach (var id in new[] { foreign.Id, failed.Id, Guid.NewGuid(), Guid.Empty })
        {
            var response = await client.GetAsync(Url(acme, id), Ct);

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.DoesNotContain("%PDF", body);
            Assert.DoesNotContain("Someone Else", body);
        }
    }

    [Theory]
    [InlineData("member@acme.test")]
    [InlineData("viewer@acme.test")]
    public async Task Pdf_ForAMemberWithoutBillingRead_IsA403(string email)
    {
        var (acme, _) = await WorkspacesAsync();
        var purchase = await PurchaseAsync(acme, refunded: false);
        var client = await app.Factory.LoginAsync(email);

        var response = await client.GetAsync(Url(acme, purchase.Id), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("%PDF", await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Pdf_Anonymous_IsA401()
    {
        var (acme, _) = await WorkspacesAsync();
        var purchase = await PurchaseAsync(acme, refunded: false);

        var response = await app.Factory.CreateBrowserlikeClient().GetAsync(Url(acme, purchase.Id), Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task TheDemosChargeHistory_HoldsEveryPurchaseAndRefundTheLedgerHolds_EachWithItsReceipt()
    {
        var (acme, _) = await WorkspacesAsync();
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var ledger = await db.LedgerEntries.AsNoTracking().Where(e => e.WorkspaceId == acme).ToListAsync(Ct);

        var page = await app.Factory.Services.GetRequiredService<ChargeHistoryQuery>().GetPageAsync(acme, 0, ChargeHistoryQuery.MaxPageSize, Ct);

        var purchases = page.Rows.Where(r => r.Purpose == PaymentPurpose.CreditPurchase && r.Status == PaymentStatus.Succeeded).ToList();
        Assert.Equal(ledger.Where(e => e.Type == LedgerEntryType.Purchase).Sum(e => e.CreditDeltaMicros), purchases.Sum(r => r.AmountMicros));
        Assert.Equal(-ledger.Where(e => e.Type == LedgerEntryType.Refund).Sum(e => e.CreditDeltaMicros), page.Rows.Sum(r => r.RefundedMicros));
        Assert.Equal(Money.FromDollars(650).Micros, purchases.Sum(r => r.AmountMicros));
        Assert.All(purchases, r => Assert.Equal(($"billing/receipts/{r.Id}", "Receipt"), (r.DocumentPath, r.DocumentLabel)));
    }

    private static string Url(Guid workspaceId, Guid paymentId) => $"/api/workspaces/{workspaceId}/billing/receipts/{paymentId}/pdf";

    private static string PdfAmount(long micros) => new Money(micros).Format(System.Globalization.CultureInfo.GetCultureInfo("en-US"), exact: true);

    private async Task<Payment> PurchaseAsync(Guid workspaceId, bool refunded)
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        return await db.Payments.AsNoTracking()
            .Where(p => p.WorkspaceId == workspaceId && p.Purpose == PaymentPurpose.CreditPurchase && p.Status == PaymentStatus.Succeeded && p.RequestKey.StartsWith("demo-checkout-"))
            .Where(p => refunded ? p.RefundedMicros > 0 : p.RefundedMicros == 0)
            .OrderBy(p => p.CreatedAt).FirstAsync(Ct);
    }

    private async Task<Payment> AddPaymentAsync(Guid workspaceId, PaymentPurpose purpose, PaymentStatus status, string description)
    {
        var now = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        var payment = new Payment
        {
            WorkspaceId = workspaceId, Purpose = purpose, Provider = PaymentProvider.Local, AmountMicros = 12_000_000, Status = status,
            RequestKey = Guid.NewGuid().ToString("N"), Description = description, CreatedAt = now, UpdatedAt = now, CompletedAt = now,
        };
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        db.Payments.Add(payment);
        await db.SaveChangesAsync(Ct);
        return payment;
    }

    private Task<(Guid Acme, Guid Other)> WorkspacesAsync() => DemoWorkspaces.AcmeAndOwnersPersonalAsync(app.Factory.DbFactory, Ct);
}
