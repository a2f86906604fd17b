using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Payments;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Features.Metering;
using BillingPortal.Tests.Features.Credits.AutoTopUp;

namespace BillingPortal.Tests.Features.Invoices.Collection;

/// <summary>The clock moves through failed charges, the due date, the pause and the payment that resumes the workspace.</summary>
public class DunningLifecycleTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ADecliningCard_IsRetriedAfter1_3And5Days_TheWorkspaceFallsPastDueThenPaused_AndPayNowWithAGoodCardResumesIt()
    {
        await using var f = await CollectionFixture.CreateAsync();
        await f.AddCardAsync(LocalCardBehavior.DeclinesAfterAttach, "0341");
        var t0 = f.Now;
        var invoice = await f.IssueAsync(49 * Money.MicrosPerDollar);
        Assert.Null(await f.Metering.AuthorizeRunAsync(f.WorkspaceId, Ct));

        await f.RunAtAsync(t0);
        await AssertAttemptsAsync(f, invoice, failed: 1, next: t0.AddDays(1));
        Assert.Equal("Your card was declined.", (await f.PaymentsAsync(invoice.Id))[0].FailureMessage);
        await f.RunAtAsync(t0.AddHours(12));
        await AssertAttemptsAsync(f, invoice, failed: 1, next: t0.AddDays(1)); // not due yet
        await f.RunAtAsync(t0.AddDays(1));
        await AssertAttemptsAsync(f, invoice, failed: 2, next: t0.AddDays(4));
        await f.RunAtAsync(t0.AddDays(4));
        await AssertAttemptsAsync(f, invoice, failed: 3, next: t0.AddDays(9));
        Assert.Equal(InvoiceStatus.Open, (await f.InvoiceAsync(invoice.Id)).Status);
        Assert.Null(await f.Metering.AuthorizeRunAsync(f.WorkspaceId, Ct));

        // The due date passes unpaid: the invoice and the workspace are Past Due, and runs are refused.
        await f.RunAtAsync(t0 + BillingTerms.DueAfter);
        Assert.Equal(0, await f.Collector.RunDueAsync(Ct)); // a second pass changes nothing
        Assert.Equal(InvoiceStatus.PastDue, (await f.InvoiceAsync(invoice.Id)).Status);
        var pastDue = await f.SubscriptionAsync();
        Assert.Equal((SubscriptionStatus.PastDue, (DateTime?)(t0 + BillingTerms.DueAfter)), (pastDue.Status, pastDue.PastDueSince));
        Assert.Equal(RunRefusal.PastDue, await f.Metering.AuthorizeRunAsync(f.WorkspaceId, Ct));
        Assert.Single(f.Notifier.OfType(NotificationTypes.InvoicePastDue));

        await f.RunAtAsync(t0.AddDays(9));
        await AssertAttemptsAsync(f, invoice, failed: 4, next: null); // the retries are used up
        await f.RunAtAsync(t0.AddDays(20));
        await AssertAttemptsAsync(f, invoice, failed: 4, next: null);
        Assert.Equal(SubscriptionStatus.PastDue, (await f.SubscriptionAsync()).Status);

        // Fourteen days Past Due: Paused, still refusing runs.
        var pausesAt = t0 + BillingTerms.DueAfter + BillingTerms.PauseAfterPastDue;
        await f.RunAtAsync(pausesAt);
        await f.Collector.RunDueAsync(Ct);
        var paused = await f.SubscriptionAsync();
        Assert.Equal((SubscriptionStatus.Paused, (DateTime?)pausesAt), (paused.Status, paused.PausedAt));
        Assert.Equal(RunRefusal.PastDue, await f.Metering.AuthorizeRunAsync(f.WorkspaceId, Ct));
        Assert.Single(f.Notifier.OfType(NotificationTypes.SubscriptionPaused));
        Assert.Equal(4, f.Notifier.OfType(NotificationTypes.InvoicePaymentFailed).Count);

        // A good card, and "Pay now": Paid, Active, runs allowed again.
        var good = await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242", makeDefault: true);
        var result = await f.Outstanding.PayNowAsync(f.Owner, f.WorkspaceId, Ct);

        Assert.True(result.Succeeded, result.Message);
        Assert.Contains(invoice.DisplayNumber, result.Message);
        var paid = await f.InvoiceAsync(invoice.Id);
        Assert.Equal((InvoiceStatus.Paid, (DateTime?)f.Now, 5), (paid.Status, paid.PaidAt, paid.PaymentAttempts));
        var last = (await f.PaymentsAsync(invoice.Id))[^1];
        Assert.Equal((PaymentStatus.Succeeded, good.Id, f.OwnerId, last.Id), (last.Status, last.PaymentMethodId, last.CreatedByUserId, paid.LastPaymentId!.Value));
        var active = await f.SubscriptionAsync();
        Assert.Equal((SubscriptionStatus.Active, (DateTime?)null, (DateTime?)null), (active.Status, active.PastDueSince, active.PausedAt));
        Assert.Null(await f.Metering.AuthorizeRunAsync(f.WorkspaceId, Ct));
        Assert.Single(f.Notifier.OfType(NotificationTypes.InvoicePaid));
        Assert.Single(f.Notifier.OfType(NotificationTypes.SubscriptionResumed));
    }

    [Fact]
    public async Task WhenTheRetriesRanOut_ANewDefaultCard_IsChargedByTheNextPass_AndTheWorkspaceResumes()
    {
        await using var f = await CollectionFixture.CreateAsync();
        await f.AddCardAsync(LocalCardBehavior.RequiresAuthentication, "3184");
        var t0 = f.Now;
        var invoice = await f.IssueAsync();
        foreach (var day in new[] { 0, 1, 4, 9 })
            await f.RunAtAsync(t0.AddDays(day));
        await AssertAttemptsAsync(f, invoice, failed: 4, next: null);
        Assert.Equal("authentication_required", (await f.PaymentsAsync(invoice.Id))[0].FailureCode);
        Assert.Equal(SubscriptionStatus.PastDue, (await f.SubscriptionAsync()).Status);

        // A second card that is not the default changes nothing; making it the default does.
        var good = await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        await f.RunAtAsync(t0.AddDays(10));
        await AssertAttemptsAsync(f, invoice, failed: 4, next: null);
        await f.MakeDefaultAsync(good.Id);
        await f.RunAtAsync(t0.AddDays(10).AddMinutes(1));

        Assert.Equal(InvoiceStatus.Paid, (await f.InvoiceAsync(invoice.Id)).Status);
        Assert.Equal(SubscriptionStatus.Active, (await f.SubscriptionAsync()).Status);
        var payments = await f.PaymentsAsync(invoice.Id);
        Assert.Equal((5, good.Id), (payments.Count, payments[^1].PaymentMethodId));
    }

    [Fact]
    public async Task WithTwoInvoicesPastDue_PayingOne_KeepsTheWorkspacePastDue_UntilBothArePaid()
    {
        await using var f = await CollectionFixture.CreateAsync();
        await f.AddCardAsync(LocalCardBehavior.DeclinesAfterAttach, "0341");
        var t0 = f.Now;
        var first = await f.IssueAsync(49 * Money.MicrosPerDollar, "period:first");
        await f.RunAtAsync(t0.AddHours(1));
        var second = await f.IssueAsync(12_340_000, "upgrade:second");
        await f.RunAtAsync(t0.AddDays(8));
        Assert.Equal((InvoiceStatus.PastDue, InvoiceStatus.PastDue), ((await f.InvoiceAsync(first.Id)).Status, (await f.InvoiceAsync(second.Id)).Status));
        Assert.Equal(t0 + BillingTerms.DueAfter, (await f.SubscriptionAsync()).PastDueSince); // from the first due date

        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242", makeDefault: true);
        Assert.Equal(InvoiceCollectionOutcome.Paid, (await f.Collector.CollectAsync(first.Id, Ct)).Outcome);
        Assert.Equal(SubscriptionStatus.PastDue, (await f.SubscriptionAsync()).Status);
        Assert.Empty(f.Notifier.OfType(NotificationTypes.SubscriptionResumed));

        Assert.Equal(InvoiceCollectionOutcome.Paid, (await f.Collector.CollectAsync(second.Id, Ct)).Outcome);
        Assert.Equal(SubscriptionStatus.Active, (await f.SubscriptionAsync()).Status);
        Assert.Single(f.Notifier.OfType(NotificationTypes.SubscriptionResumed));
        Assert.Equal(12_340_000, (await f.PaymentsAsync(second.Id))[^1].AmountMicros);
    }

    [Fact]
    public async Task FourWorkerPassesAtOnce_AtTheDueDate_MakeOneAttempt_AndMarkThePastDueOnce()
    {
        await using var f = await CollectionFixture.CreateAsync(scripted: true);
        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        f.Scripted.Script = ScriptedGateway.Decline;
        var invoice = await f.IssueAsync();
        f.Database.Clock.Advance(BillingTerms.DueAfter);

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => f.Collector.RunDueAsync(Ct), Ct)));

        var payment = Assert.Single(await f.PaymentsAsync(invoice.Id));
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Single(f.Scripted.Calls);
        var stored = await f.InvoiceAsync(invoice.Id);
        Assert.Equal((InvoiceStatus.PastDue, (DateTime?)f.Now.AddDays(1)), (stored.Status, stored.NextPaymentAttemptAt));
        Assert.Equal(SubscriptionStatus.PastDue, (await f.SubscriptionAsync()).Status);
        Assert.Single(f.Notifier.OfType(NotificationTypes.InvoicePastDue));
        Assert.Single(f.Notifier.OfType(NotificationTypes.InvoicePaymentFailed));
    }

    [Fact]
    public async Task PayNow_ByAFinanceReader_IsRefused_AndChargesNothing()
    {
        await using var f = await CollectionFixture.CreateAsync();
        await f.AddCardAsync(LocalCardBehavior.Succeeds, "4242");
        var invoice = await f.IssueAsync();
        var finance = await f.AddMemberAsync("finance@collect.test", WorkspaceRole.Member, WorkspacePermissions.BillingRead);

        var result = await f.Outstanding.PayNowAsync(finance, f.WorkspaceId, Ct);

        Assert.Equal((false, OutstandingInvoices.NotAllowed), (result.Succeeded, result.Message));
        Assert.Empty(await f.PaymentsAsync(invoice.Id));
        var listed = Assert.Single(await f.Outstanding.ListAsync(f.WorkspaceId, Ct));
        Assert.Equal((invoice.DisplayNumber, invoice.TotalMicros, InvoiceStatus.Open), (listed.Number, listed.TotalMicros, listed.Status));
    }

    private static async Task AssertAttemptsAsync(CollectionFixture f, Invoice invoice, int failed, DateTime? next)
    {
        var payments = await f.PaymentsAsync(invoice.Id);
        Assert.Equal(failed, payments.Count);
        Assert.All(payments, p => Assert.Equal(PaymentStatus.Failed, p.Status));
        Assert.Equal(Enumerable.Range(1, failed).Select(n => $"invoice:{invoice.Id}:{n}"), payments.Select(p => p.RequestKey));
        var stored = await f.InvoiceAsync(invoice.Id);
        Assert.Equal((failed, next), (stored.PaymentAttempts, stored.NextPaymentAttemptAt));
    }
}
