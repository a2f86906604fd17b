using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Subscriptions;

namespace BillingPortal.Tests.Features.Subscriptions;

/// <summary>Period ends: invoices, allowance resets, pending downgrades, and catching up after downtime.</summary>
public class PeriodRolloverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTime Anchor = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task PeriodRunning_NothingIsDue()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        f.Clock.Advance(TimeSpan.FromDays(31) - TimeSpan.FromSeconds(1));

        Assert.Equal(RolloverOutcome.NothingDue, (await f.Periods.RollOverAsync(ws, Ct)).Outcome);
        Assert.Empty(await f.InvoicesAsync(ws));
    }

    [Fact]
    public async Task PeriodEnds_IssuesThePlanFeeInvoice_ResetsTheAllowance_AndStartsTheNextPeriod()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        await f.SpendAsync(ws, 20 * Money.MicrosPerDollar);

        f.Clock.Advance(TimeSpan.FromDays(31)); // Apr 1, 09:00: the end, to the second
        var result = await f.Periods.RollOverAsync(ws, Ct);

        Assert.Equal(RolloverOutcome.PeriodClosed, result.Outcome);
        var invoice = Assert.Single(await f.InvoicesAsync(ws));
        Assert.Equal(result.Invoice!.Id, invoice.Id);
        Assert.Equal("period:20260301090000", invoice.IdempotencyKey);
        Assert.Equal((Anchor, Anchor.AddMonths(1)), (invoice.PeriodStart, invoice.PeriodEnd));
        Assert.Equal(Anchor.AddMonths(1), invoice.IssuedAt);
        Assert.Equal(Anchor.AddMonths(1) + BillingTerms.DueAfter, invoice.DueAt);
        Assert.Equal(invoice.IssuedAt, invoice.NextPaymentAttemptAt); // the collector charges it on its next pass
        Assert.Equal(49 * Money.MicrosPerDollar, invoice.TotalMicros);
        Assert.Equal("Pro plan, 1 Apr – 1 May 2026", invoice.Lines[0].Description);

        var subscription = await f.SubscriptionAsync(ws);
        Assert.Equal((Anchor.AddMonths(1), Anchor.AddMonths(2)), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        var wallet = await f.WalletAsync(ws);
        Assert.Equal((25 * Money.MicrosPerDollar, 0L), (wallet.AllowanceRemainingMicros, wallet.CreditBalanceMicros));
        var notice = Assert.Single(f.Notifier.OfType(NotificationTypes.InvoiceIssued));
        Assert.Equal($"Invoice {invoice.DisplayNumber} issued", notice.Title);
        Assert.Empty(await f.AuditAsync(ws));
    }

    [Fact]
    public async Task WorkerDownForThreeMonths_OnePassCatchesUpThreeInvoicesInOrder_SequentialAndContiguous()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);

        f.Clock.Advance(TimeSpan.FromDays(92) + TimeSpan.FromHours(1)); // past Apr 1, May 1 and Jun 1
        var pass = await f.Worker.RunOnceAsync(Ct);

        // The same pass then hands the three to collection: with no card on file, the two older ones are already past their due dates.
        Assert.Equal((3, 0, 0), (pass.PeriodsClosed, pass.TrialsConverted, pass.Failed));
        var invoices = await f.InvoicesAsync(ws);
        Assert.Equal(3, invoices.Count);
        Assert.Equal([invoices[0].Number, invoices[0].Number + 1, invoices[0].Number + 2], invoices.Select(i => i.Number));
        Assert.Equal([Anchor, Anchor.AddMonths(1), Anchor.AddMonths(2)], invoices.Select(i => i.PeriodStart));
        Assert.Equal(invoices.Select(i => i.PeriodEnd).Take(2), invoices.Select(i => i.PeriodStart).Skip(1));
        Assert.Equal(invoices.Select(i => i.PeriodEnd), invoices.Select(i => i.IssuedAt)); // dated when due, not when caught up
        var subscription = await f.SubscriptionAsync(ws);
        Assert.Equal((Anchor.AddMonths(3), Anchor.AddMonths(4)), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        Assert.Equal(4, (await f.EntriesAsync(ws, LedgerEntryType.AllowanceReset)).Count); // the first, then one per period

        Assert.Equal(new BillingPass(0, 0, 0, 0), await f.Worker.RunOnceAsync(Ct));
        Assert.Equal(3, (await f.InvoicesAsync(ws)).Count);
    }

    [Fact]
    public async Task AnchorOnThe31st_PeriodsEndOnEachMonthsLastDayWithoutDrifting()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        var jan31 = new DateTime(2026, 1, 31, 12, 0, 0, DateTimeKind.Utc);
        await f.UpdateSubscriptionAsync(ws, s => (s.BillingAnchor, s.CurrentPeriodStart, s.CurrentPeriodEnd) = (jan31, jan31, jan31.AddMonths(1)));

        f.Clock.SetUtcNow(new DateTime(2026, 4, 30, 12, 0, 0, DateTimeKind.Utc));
        await f.Worker.RunOnceAsync(Ct);

        var ends = (await f.InvoicesAsync(ws)).Select(i => i.PeriodEnd.Day);
        Assert.Equal([28, 31, 30], ends);
        Assert.Equal(new DateTime(2026, 5, 31, 12, 0, 0, DateTimeKind.Utc), (await f.SubscriptionAsync(ws)).CurrentPeriodEnd);
    }

    [Fact]
    public async Task PendingDowngrade_IsAppliedAtThePeriodEnd_TheInvoiceBillsTheNewPlanAndTheAllowanceIsTheNewPlans()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        await f.UpdateSubscriptionAsync(ws, s => (s.PendingPlanCode, s.PendingPlanRequestedAt) = ("free", Anchor.AddDays(3)));
        await f.SpendAsync(ws, 30 * Money.MicrosPerDollar); // $25 allowance, then $5 below zero

        f.Clock.Advance(TimeSpan.FromDays(31));
        await f.Periods.RollOverAsync(ws, Ct);

        var subscription = await f.SubscriptionAsync(ws);
        Assert.Equal(("free", null, null), (subscription.PlanCode, subscription.PendingPlanCode, subscription.PendingPlanRequestedAt));
        var invoice = Assert.Single(await f.InvoicesAsync(ws));
        Assert.Equal("free", invoice.PlanCode);
        Assert.Equal([(InvoiceLineKind.PlanFee, 0L), (InvoiceLineKind.Overage, 5 * Money.MicrosPerDollar), (InvoiceLineKind.UsageSummary, 30 * Money.MicrosPerDollar)],
            invoice.Lines.Select(l => (l.Kind, l.AmountMicros)));
        Assert.Equal(5 * Money.MicrosPerDollar, invoice.TotalMicros);
        var wallet = await f.WalletAsync(ws);
        Assert.Equal((PlanCatalog.Free.MonthlyAllowance.Micros, 0L), (wallet.AllowanceRemainingMicros, wallet.CreditBalanceMicros));
    }

    [Fact]
    public async Task FreePeriodWithNothingToBill_IssuesNoInvoiceButResetsTheAllowance()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Free);
        await f.BuyAsync(ws, 10 * Money.MicrosPerDollar);
        await f.SpendAsync(ws, 3 * Money.MicrosPerDollar);

        f.Clock.Advance(TimeSpan.FromDays(31));
        var result = await f.Periods.RollOverAsync(ws, Ct);

        Assert.Equal(RolloverOutcome.PeriodClosed, result.Outcome);
        Assert.Null(result.Invoice);
        Assert.Empty(await f.InvoicesAsync(ws));
        var wallet = await f.WalletAsync(ws);
        Assert.Equal((1 * Money.MicrosPerDollar, 8 * Money.MicrosPerDollar), (wallet.AllowanceRemainingMicros, wallet.CreditBalanceMicros));
        Assert.Equal(Anchor.AddMonths(1), (await f.SubscriptionAsync(ws)).CurrentPeriodStart);
        Assert.Empty(f.Notifier.OfType(NotificationTypes.InvoiceIssued));
    }

    [Fact]
    public async Task PastDueAndPausedSubscriptions_StillHaveTheirPeriodsInvoiced()
    {
        await using var f = await BillingFixture.CreateAsync();
        var pastDue = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        var paused = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        // Past due recently enough (6 days at the period end) that the same pass's dunning does not pause it yet.
        await f.UpdateSubscriptionAsync(pastDue, s => (s.Status, s.PastDueSince) = (SubscriptionStatus.PastDue, Anchor.AddDays(25)));
        await f.UpdateSubscriptionAsync(paused, s => (s.Status, s.PausedAt) = (SubscriptionStatus.Paused, Anchor.AddDays(2)));

        f.Clock.Advance(TimeSpan.FromDays(31));
        Assert.Equal(2, (await f.Worker.RunOnceAsync(Ct)).PeriodsClosed);

        Assert.Single(await f.InvoicesAsync(pastDue));
        Assert.Single(await f.InvoicesAsync(paused));
        // Collection, not the period, decides when they are Active again.
        Assert.Equal(SubscriptionStatus.PastDue, (await f.SubscriptionAsync(pastDue)).Status);
        Assert.Equal(SubscriptionStatus.Paused, (await f.SubscriptionAsync(paused)).Status);
    }
}
