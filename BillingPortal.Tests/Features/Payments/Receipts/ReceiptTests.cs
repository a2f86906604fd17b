using BillingPortal.Domain;
using BillingPortal.Domain.BillingDetails;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Invoices.Pdf;
using BillingPortal.Features.Payments.Receipts;
using BillingPortal.Tests.Features.Invoices;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Payments.Receipts;

/// <summary>A receipt as the query reads it (within one workspace) and as the PDF prints it (each drawn string read back from the bytes).</summary>
public sealed class ReceiptTests : IAsyncLifetime
{
    private static readonly DateTime PaidAt = new(2026, 3, 14, 15, 9, 26, DateTimeKind.Utc);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly ReceiptPdf pdf = new(new InvoiceSellerOptions { Name = "BillingPortal Inc.", TaxId = "US-12-3456789" });
    private TestDatabase db = default!;
    private ReceiptQuery query = default!;
    private Guid workspace;
    private Guid other;

    public async ValueTask InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        query = new ReceiptQuery(db.Factory);
        workspace = await db.Provisioner.CreateTeamWorkspaceAsync("Acme AI", await db.AddUserAsync("owner@receipt.test"), PlanCatalog.Pro, trialDays: null, Ct);
        other = await db.Provisioner.CreateTeamWorkspaceAsync("Globex", await db.AddUserAsync("owner@globex.test"), PlanCatalog.Pro, trialDays: null, Ct);
    }

    public async ValueTask DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task ASucceededPurchase_HasAReceipt_WithWhatWasPaid_ByWhom_AndWithWhichCard()
    {
        var payment = await AddPaymentAsync(workspace, PaymentPurpose.CreditPurchase, PaymentStatus.Succeeded, 150_000_000);

        var receipt = await query.FindAsync(workspace, payment.Id, Ct);

        Assert.NotNull(receipt);
        Assert.Equal(ReceiptRules.Number(payment.Id), receipt.Number);
        Assert.Equal((150_000_000L, PaidAt, "Visa •••• 4242", "Acme AI", "owner@receipt.test"),
            (receipt.AmountMicros, receipt.PaidAt, receipt.Card, receipt.Customer.Name, receipt.Customer.Email));
        Assert.Equal(150_000_000L, receipt.NetMicros);
    }

    [Fact]
    public async Task NoReceipt_ForAnotherWorkspacesPayment_AnInvoicePayment_OrMoneyNotTaken()
    {
        var foreign = await AddPaymentAsync(other, PaymentPurpose.CreditPurchase, PaymentStatus.Succeeded, 10_000_000);
        var invoice = await AddPaymentAsync(workspace, PaymentPurpose.Invoice, PaymentStatus.Succeeded, 49_000_000);
        var failed = await AddPaymentAsync(workspace, PaymentPurpose.AutoTopUp, PaymentStatus.Failed, 25_000_000);
        var pending = await AddPaymentAsync(workspace, PaymentPurpose.CreditPurchase, PaymentStatus.Pending, 25_000_000);

        foreach (var id in new[] { foreign.Id, invoice.Id, failed.Id, pending.Id, Guid.NewGuid() })
            Assert.Null(await query.FindAsync(workspace, id, Ct));
        Assert.NotNull(await query.FindAsync(other, foreign.Id, Ct));
    }

    [Fact]
    public async Task ThePdf_PrintsTheNumber_TheAmountToTheMicroDollar_TheCard_AndThePayer()
    {
        var payment = await AddPaymentAsync(workspace, PaymentPurpose.AutoTopUp, PaymentStatus.Succeeded, 25_000_000, description: "Automatic top-up of $25.00");
        var receipt = (await query.FindAsync(workspace, payment.Id, Ct))!;

        var text = PdfText.All(pdf.Render(receipt));

        Assert.Contains("RECEIPT", text);
        Assert.Contains(receipt.Number, text);
        Assert.Contains("$25.00", text);
        Assert.Contains("Automatic top-up of $25.00", text);
        Assert.Contains("Visa •••• 4242", text);
        Assert.Contains("14 Mar 2026", text);
        Assert.Contains("Acme AI", text);
        Assert.Contains("owner@receipt.test", text);
        Assert.Contains("BillingPortal Inc.", text);
        Assert.DoesNotContain("Refunded to the card", text);
        Assert.DoesNotContain("Net paid", text);
        Assert.Equal($"Receipt-{receipt.Number}.pdf", ReceiptPdf.FileName(receipt));
    }

    [Fact]
    public async Task ARefundedPurchase_ShowsTheRefund_AndWhatItNetsTo_OnThePageModelAndThePdf()
    {
        var payment = await AddPaymentAsync(workspace, PaymentPurpose.CreditPurchase, PaymentStatus.Succeeded, 100_000_000, refunded: 25_000_000);
        var receipt = (await query.FindAsync(workspace, payment.Id, Ct))!;

        var text = PdfText.All(pdf.Render(receipt));

        Assert.Equal(75_000_000L, receipt.NetMicros);
        Assert.Contains("Refunded to the card", text);
        Assert.Contains("-$25.00", text);
        Assert.Contains("Net paid", text);
        Assert.Contains("$75.00", text);
        Assert.Contains("$100.00", text);
    }

    [Fact]
    public async Task TextFromTheRecord_IsPrintedAsText_NeverInterpreted()
    {
        const string hostile = "<script>alert(1)</script> ) Tj BT /F1 99 Tf (pwned";
        var payment = await AddPaymentAsync(workspace, PaymentPurpose.CreditPurchase, PaymentStatus.Succeeded, 5_000_000, description: hostile);

        var text = PdfText.All(pdf.Render((await query.FindAsync(workspace, payment.Id, Ct))!));

        Assert.Contains(hostile, text); // one drawn string, as written: no operator of it ran
    }

    [Fact]
    public async Task WithBillingDetails_TheReceiptIsAddressedAsTheInvoicesAre()
    {
        var values = BillingDetailsRules.Validate(new BillingDetailsInput("Acme GmbH", "Invalidenstraße 117", null, "Berlin", "10115", null, "DE",
            "eu_vat", "DE123456789", "finance@acme.test")).Values!;
        await using (var context = db.Open())
        {
            var row = new WorkspaceBillingDetails { WorkspaceId = workspace };
            row.Update(values, PaidAt, null);
            context.BillingDetails.Add(row);
            await context.SaveChangesAsync(Ct);
        }
        var payment = await AddPaymentAsync(workspace, PaymentPurpose.CreditPurchase, PaymentStatus.Succeeded, 150_000_000);
        var receipt = (await query.FindAsync(workspace, payment.Id, Ct))!;

        var text = PdfText.All(pdf.Render(receipt));

        Assert.Equal(("Acme GmbH", "finance@acme.test"), (receipt.Customer.Name, receipt.Customer.Email));
        Assert.Contains("Acme GmbH", text);
        Assert.Contains("Invalidenstraße 117", text);
        Assert.Contains("10115 Berlin", text);
        Assert.Contains("EU VAT DE123456789", text);
        Assert.Contains("finance@acme.test", text);
        Assert.DoesNotContain("Acme AI", text);
    }

    private async Task<Payment> AddPaymentAsync(Guid workspaceId, PaymentPurpose purpose, PaymentStatus status, long micros,
        string description = "Credit purchase of $150.00", long refunded = 0)
    {
        var payment = new Payment
        {
            WorkspaceId = workspaceId,
            Purpose = purpose,
            Provider = PaymentProvider.Local,
            AmountMicros = micros,
            Status = status,
            RequestKey = Guid.NewGuid().ToString("N"),
            Description = description,
            CardDescription = "Visa •••• 4242",
            RefundedMicros = refunded,
            CreatedAt = PaidAt.AddMinutes(-2),
            UpdatedAt = PaidAt,
            CompletedAt = status is PaymentStatus.Succeeded or PaymentStatus.Failed ? PaidAt : null,
        };
        await using var context = db.Open();
        context.Payments.Add(payment);
        await context.SaveChangesAsync(Ct);
        return payment;
    }
}
