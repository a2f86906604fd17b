using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Tests.Features.Credits.AutoTopUp;

namespace BillingPortal.Tests.Features.Invoices.Collection;

public class InvoiceCollectorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnInvoice_ChargedToThe4242Card_IsPaid_WithExactlyOnePayment_AndNoCredits()
    {
        await using var f = await CollectionFixture.CreateAsync();
        var card = await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        var invoice = await f.IssueAsync(49 * Money.MicrosPerDollar);
        var entriesBefore = await f.EntriesAsync();

        var result = await f.Collector.CollectAsync(invoice.Id, Ct);
        var again = await f.Collector.CollectAsync(invoice.Id, Ct);

        Assert.Equal((InvoiceCollectionOutcome.Paid, InvoiceCollectionOutcome.NothingToDo), (result.Outcome, again.Outcome));
        var payment = Assert.Single(await f.PaymentsAsync(invoice.Id));
        Assert.Equal((PaymentStatus.Succeeded, PaymentPurpose.Invoice, 49 * Money.MicrosPerDollar, card.Id), (payment.Status, payment.Purpose, payment.AmountMicros, payment.PaymentMethodId));
        Assert.Equal(($"invoice:{invoice.Id}:1", $"Invoice {invoice.DisplayNumber}"), (payment.RequestKey, payment.Description));
        var paid = await f.InvoiceAsync(invoice.Id);
        Assert.Equal((InvoiceStatus.Paid, f.Now, (DateTime?)null, payment.Id, 1), (paid.Status, paid.PaidAt, paid.NextPaymentAttemptAt, paid.LastPaymentId, paid.PaymentAttempts));
        Assert.Null(payment.CreditEntryId); // an invoice payment buys no credits
        Assert.Equal(entriesBefore.Count, (await f.EntriesAsync()).Count);
        // The notice leads to the invoice it is about, not to the list.
        Assert.Equal($"billing/invoices/{invoice.Id}", Assert.Single(f.Notifier.OfType(NotificationTypes.InvoicePaid)).Link);
        Assert.Empty(f.Notifier.OfType(NotificationTypes.SubscriptionResumed)); // it was Active all along
    }

    [Fact]
    public async Task EightConcurrentCollects_OfOneInvoice_ChargeOnce_AndPayItOnce()
    {
        await using var f = await CollectionFixture.CreateAsync(scripted: true);
        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        var invoice = await f.IssueAsync();
        // The provider holds the first charge, so the other seven race an attempt that is really in flight.
        f.Scripted.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() => f.Collector.CollectAsync(invoice.Id, Ct), Ct)).ToList();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (tasks.Count(t => t.IsCompleted) < 7 && waited.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(10, Ct);
        Assert.Equal(7, tasks.Count(t => t.IsCompleted)); // all but the one at the provider answered "nothing to do"
        f.Scripted.Gate.SetResult();
        var results = await Task.WhenAll(tasks);

        Assert.Single(results, r => r.Outcome == InvoiceCollectionOutcome.Paid);
        Assert.All(results.Where(r => r.Outcome != InvoiceCollectionOutcome.Paid), r => Assert.Equal(InvoiceCollectionOutcome.NothingToDo, r.Outcome));
        Assert.Single(f.Scripted.Calls);
        Assert.Equal(1, f.Scripted.DistinctCharges);
        Assert.Single(await f.PaymentsAsync(invoice.Id));
        Assert.Equal(InvoiceStatus.Paid, (await f.InvoiceAsync(invoice.Id)).Status);
        Assert.Single(f.Notifier.OfType(NotificationTypes.InvoicePaid));
    }

    [Fact]
    public async Task WithoutAUsableCard_NothingIsCharged_AndTheAttemptStaysDue()
    {
        await using var f = await CollectionFixture.CreateAsync();
        var invoice = await f.IssueAsync();

        var result = await f.Collector.CollectAsync(invoice.Id, Ct);

        Assert.Equal(InvoiceCollectionOutcome.NoPaymentMethod, result.Outcome);
        Assert.Empty(await f.PaymentsAsync(invoice.Id));
        var stored = await f.InvoiceAsync(invoice.Id);
        Assert.Equal((InvoiceStatus.Open, 0, invoice.NextPaymentAttemptAt), (stored.Status, stored.PaymentAttempts, stored.NextPaymentAttemptAt));

        // A card added later is picked up by the next worker pass.
        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        await f.RunAtAsync(f.Now.AddMinutes(1));
        Assert.Equal(InvoiceStatus.Paid, (await f.InvoiceAsync(invoice.Id)).Status);
    }

    [Fact]
    public async Task CollectingAPaidOrMissingInvoice_DoesNothing()
    {
        await using var f = await CollectionFixture.CreateAsync();
        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        var zero = await f.IssueAsync(0); // issued Paid: nothing to collect

        Assert.Equal(InvoiceCollectionOutcome.NothingToDo, (await f.Collector.CollectAsync(zero.Id, Ct)).Outcome);
        Assert.Equal(InvoiceCollectionOutcome.NotFound, (await f.Collector.CollectAsync(Guid.NewGuid(), Ct)).Outcome);
        Assert.Empty(await f.PaymentsAsync(zero.Id));
    }

    [Fact]
    public async Task ACrashBetweenThePaymentRowAndTheProvidersAnswer_IsReDrivenWithTheSameKey_AndChargesOnce()
    {
        await using var f = await CollectionFixture.CreateAsync(scripted: true);
        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        var invoice = await f.IssueAsync();
        // The provider charges, but its answer is lost on the way back.
        f.Scripted.LoseAnswers = true;
        var crashed = await f.Collector.CollectAsync(invoice.Id, Ct);
        f.Scripted.LoseAnswers = false;
        Assert.Equal(InvoiceCollectionOutcome.ProviderError, crashed.Outcome);
        var pending = Assert.Single(await f.PaymentsAsync(invoice.Id));
        Assert.Equal(PaymentStatus.Pending, pending.Status);

        // Too soon: the attempt may still be at the provider, so nothing starts a second one.
        Assert.Equal(0, await f.RunAtAsync(f.Now.AddMinutes(1)));
        Assert.Single(f.Scripted.Calls);

        await f.RunAtAsync(f.Now + InvoiceCollector.StaleAfter);

        var payment = Assert.Single(await f.PaymentsAsync(invoice.Id));
        Assert.Equal((pending.Id, PaymentStatus.Succeeded), (payment.Id, payment.Status));
        Assert.Equal([InvoiceCollector.IdempotencyKey(pending.Id)], f.Scripted.DistinctKeys);
        Assert.Equal(1, f.Scripted.DistinctCharges);
        Assert.Equal((InvoiceStatus.Paid, 1), ((await f.InvoiceAsync(invoice.Id)).Status, (await f.InvoiceAsync(invoice.Id)).PaymentAttempts));
    }

    [Fact]
    public async Task AProcessThatDiesBeforeCallingTheProvider_LeavesAPendingAttempt_ThatIsChargedOnceLater()
    {
        await using var f = await CollectionFixture.CreateAsync(scripted: true);
        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        var invoice = await f.IssueAsync();
        f.Scripted.Script = _ => throw new HttpRequestException("connection reset");

        await Assert.ThrowsAsync<HttpRequestException>(() => f.Collector.CollectAsync(invoice.Id, Ct));
        f.Scripted.Script = ScriptedGateway.Succeed;
        await f.RunAtAsync(f.Now + InvoiceCollector.StaleAfter);

        var payment = Assert.Single(await f.PaymentsAsync(invoice.Id));
        Assert.Equal(PaymentStatus.Succeeded, payment.Status);
        Assert.Equal([InvoiceCollector.IdempotencyKey(payment.Id)], f.Scripted.DistinctKeys);
        Assert.Equal(InvoiceStatus.Paid, (await f.InvoiceAsync(invoice.Id)).Status);
    }

    [Fact]
    public async Task AProcessingCharge_IsLeftToTheProvider_AndItsLaterSuccessPaysTheInvoice()
    {
        await using var f = await CollectionFixture.CreateAsync(scripted: true);
        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        var invoice = await f.IssueAsync();
        f.Scripted.Script = ScriptedGateway.Processing;

        Assert.Equal(InvoiceCollectionOutcome.Processing, (await f.Collector.CollectAsync(invoice.Id, Ct)).Outcome);
        Assert.Null((await f.InvoiceAsync(invoice.Id)).NextPaymentAttemptAt);
        Assert.Equal(0, await f.RunAtAsync(f.Now.AddHours(1)));
        var payment = Assert.Single(await f.PaymentsAsync(invoice.Id));

        // The webhook arrives.
        await f.Fulfilment.ConfirmSucceededAsync(new(Source: "stripe:evt_1", PaymentId: payment.Id), Ct);

        Assert.Equal(InvoiceStatus.Paid, (await f.InvoiceAsync(invoice.Id)).Status);
        Assert.Single(f.Scripted.Calls);
    }
}
