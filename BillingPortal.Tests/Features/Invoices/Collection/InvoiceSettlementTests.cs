using System.Data.Common;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Features.Notifications;
using BillingPortal.Features.Payments;
using BillingPortal.Ledger;
using BillingPortal.Tests.Features.Credits.AutoTopUp;
using BillingPortal.Tests.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingPortal.Tests.Features.Invoices.Collection;

/// <summary>The invoice settles in the very transaction that settles its payment.</summary>
public class InvoiceSettlementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenTheCommitFailsAfterThePaymentIsMarked_NeitherThePaymentNorTheInvoiceMoved_AndTheRetrySettlesBothOnce()
    {
        await using var f = await CollectionFixture.CreateAsync(scripted: true);
        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        var invoice = await f.IssueAsync();
        f.Scripted.LoseAnswers = true; // leaves the attempt Pending, as a crash would
        await f.Collector.CollectAsync(invoice.Id, Ct);
        var payment = Assert.Single(await f.PaymentsAsync(invoice.Id));
        var fault = new FailCommitOfPaidInvoice();
        var faulty = Fulfilment(f, f.Database.FactoryWith(fault));
        var report = new PaymentReport("test", payment.Id, ProviderPaymentId: $"pi_{payment.Id:N}", WorkspaceId: f.WorkspaceId, AmountMicros: payment.AmountMicros);

        await Assert.ThrowsAsync<IOException>(() => faulty.ConfirmSucceededAsync(report, Ct));

        Assert.True(fault.SawPaidInvoice); // the fault struck with both changes made, before they committed
        Assert.Equal(PaymentStatus.Pending, (await f.PaymentsAsync(invoice.Id))[0].Status);
        var untouched = await f.InvoiceAsync(invoice.Id);
        Assert.Equal((InvoiceStatus.Open, (DateTime?)null), (untouched.Status, untouched.PaidAt));

        var retry = await f.Fulfilment.ConfirmSucceededAsync(report, Ct);
        var again = await f.Fulfilment.ConfirmSucceededAsync(report, Ct);

        Assert.Equal((FulfilmentOutcome.Applied, FulfilmentOutcome.AlreadyDone), (retry.Outcome, again.Outcome));
        Assert.Equal(PaymentStatus.Succeeded, (await f.PaymentsAsync(invoice.Id))[0].Status);
        Assert.Equal(InvoiceStatus.Paid, (await f.InvoiceAsync(invoice.Id)).Status);
        Assert.Single(f.Notifier.OfType(BillingPortal.Domain.Notifications.NotificationTypes.InvoicePaid));
    }

    [Fact]
    public async Task ASecondSuccessfulPaymentForAPaidInvoice_NeverMarksItTwice()
    {
        await using var f = await CollectionFixture.CreateAsync();
        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        var invoice = await f.IssueAsync();
        await f.Collector.CollectAsync(invoice.Id, Ct);
        var paid = await f.InvoiceAsync(invoice.Id);
        var stray = new Payment
        {
            WorkspaceId = f.WorkspaceId, Purpose = PaymentPurpose.Invoice, InvoiceId = invoice.Id, AmountMicros = invoice.TotalMicros,
            Status = PaymentStatus.Pending, RequestKey = "stray", Description = "stray", CreatedAt = f.Now, UpdatedAt = f.Now,
        };
        await using (var db = f.Database.Open())
        {
            db.Payments.Add(stray);
            await db.SaveChangesAsync(Ct);
        }
        f.Database.Clock.Advance(TimeSpan.FromHours(1));

        var result = await f.Fulfilment.ConfirmSucceededAsync(new PaymentReport("test", stray.Id), Ct);

        Assert.Equal(FulfilmentOutcome.Applied, result.Outcome); // the money was taken: the payment says so
        var after = await f.InvoiceAsync(invoice.Id);
        Assert.Equal((InvoiceStatus.Paid, paid.PaidAt, paid.LastPaymentId), (after.Status, after.PaidAt, after.LastPaymentId));
        Assert.Single(f.Notifier.OfType(BillingPortal.Domain.Notifications.NotificationTypes.InvoicePaid));
    }

    [Fact]
    public async Task AProcessingChargeThatTheProviderLaterFails_SchedulesTheRetry_AndTellsTheManagers()
    {
        await using var f = await CollectionFixture.CreateAsync(scripted: true);
        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        var invoice = await f.IssueAsync();
        f.Scripted.Script = ScriptedGateway.Processing;
        await f.Collector.CollectAsync(invoice.Id, Ct);
        var payment = Assert.Single(await f.PaymentsAsync(invoice.Id));
        f.Database.Clock.Advance(TimeSpan.FromHours(2));

        // The webhook says the bank refused it after all.
        await f.Fulfilment.RecordFailureAsync(new PaymentReport("stripe:evt_2", payment.Id), "card_declined", "Your card was declined.", Ct);

        var stored = await f.InvoiceAsync(invoice.Id);
        Assert.Equal((InvoiceStatus.Open, (DateTime?)f.Now.AddDays(1)), (stored.Status, stored.NextPaymentAttemptAt));
        var notice = Assert.Single(f.Notifier.OfType(BillingPortal.Domain.Notifications.NotificationTypes.InvoicePaymentFailed));
        Assert.Contains(invoice.DisplayNumber, notice.Title);
    }

    private static PaymentFulfilment Fulfilment(CollectionFixture f, IDbContextFactory<BillingPortal.Data.BillingDbContext> factory) =>
        new(factory, new BillingPortal.Data.BillingWrites(factory), new CreditLedger(factory, new BillingPortal.Data.BillingWrites(factory), f.Database.Clock),
            f.Notifier, BillingPortal.Tests.Features.Payments.PaymentsFixture.PurposeHandlers(f.Notifier, f.Database.Clock), [], f.Database.Clock, NullLogger<PaymentFulfilment>.Instance);

    /// <summary>Throws at the commit of a transaction that has just marked an invoice Paid.</summary>
    private sealed class FailCommitOfPaidInvoice : DbTransactionInterceptor
    {
        public bool SawPaidInvoice { get; private set; }

        public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            var context = eventData.Context!;
            var paymentSucceeded = context.ChangeTracker.Entries<Payment>().Any(e => e.Entity.Status == PaymentStatus.Succeeded);
            var invoicePaid = await context.Set<Invoice>().AsNoTracking().AnyAsync(i => i.Status == InvoiceStatus.Paid && i.PaidAt != null && i.TotalMicros > 0, cancellationToken);
            if (!paymentSucceeded || !invoicePaid)
                return result;
            SawPaidInvoice = true;
            throw new IOException("Injected fault at commit.");
        }
    }
}
