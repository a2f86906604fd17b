using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Notifications;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Features.Metering;
using BillingPortal.Features.Subscriptions;

namespace BillingPortal.Tests.Features.Subscriptions;

/// <summary>The clock moved through a trial's end, with and without a card on file.</summary>
public class TrialConversionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTime Created = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime TrialEnd = Created.AddDays(14);

    [Fact]
    public async Task TrialEnds_WithACardOnFile_BecomesActiveWithAPeriodInvoiceAndAFreshAllowance()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro, trialDays: 14, name: "Trialling Co");
        await f.AddCardAsync(ws);
        await f.SpendAsync(ws, 7 * Money.MicrosPerDollar); // trial usage, from the allowance

        f.Clock.Advance(TimeSpan.FromDays(14));
        var pass = await f.Worker.RunOnceAsync(Ct);

        Assert.Equal(1, pass.TrialsConverted);
        var subscription = await f.SubscriptionAsync(ws);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        Assert.Equal(TrialEnd, subscription.TrialEndsAt); // kept, for the record
        Assert.Equal(TrialEnd, subscription.BillingAnchor);
        Assert.Equal(TrialEnd, subscription.CurrentPeriodStart);
        Assert.Equal(TrialEnd.AddMonths(1), subscription.CurrentPeriodEnd);

        var invoice = Assert.Single(await f.InvoicesAsync(ws));
        Assert.Equal(InvoiceKind.Period, invoice.Kind);
        Assert.Equal(InvoiceStatus.Open, invoice.Status);
        Assert.Equal("period:20260301090000", invoice.IdempotencyKey);
        Assert.Equal("pro", invoice.PlanCode);
        Assert.Equal("Trialling Co", invoice.CustomerName);
        Assert.Equal((Created, TrialEnd), (invoice.PeriodStart, invoice.PeriodEnd));
        Assert.Equal(TrialEnd, invoice.IssuedAt);
        Assert.Equal(TrialEnd + BillingTerms.DueAfter, invoice.DueAt);
        Assert.Equal(PlanCatalog.Pro.MonthlyPrice.Micros, invoice.TotalMicros);
        Assert.Equal([InvoiceLineKind.PlanFee, InvoiceLineKind.UsageSummary], invoice.Lines.Select(l => l.Kind));

        Assert.Equal(PlanCatalog.Pro.MonthlyAllowance.Micros, (await f.WalletAsync(ws)).AllowanceRemainingMicros);
        var reset = (await f.EntriesAsync(ws, LedgerEntryType.AllowanceReset)).Last();
        Assert.Equal("allowance:20260315090000", reset.IdempotencyKey);
        Assert.Equal(7 * Money.MicrosPerDollar, reset.AllowanceDeltaMicros); // back up from $18 to $25
        Assert.Single(f.Notifier.OfType(NotificationTypes.InvoiceIssued));
        Assert.Empty(await f.AuditAsync(ws));
    }

    [Fact]
    public async Task TrialEnds_WithoutACard_StaysInTrialRefusingRuns_ThenConvertsFromWhenTheCardIsAdded()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro, trialDays: 14);
        await f.BuyAsync(ws, 5 * Money.MicrosPerDollar);

        f.Clock.Advance(TimeSpan.FromDays(14));
        var first = await f.Periods.RollOverAsync(ws, Ct);
        await f.Worker.RunOnceAsync(Ct); // the worker finds it again: nothing changes, nobody is told twice

        Assert.Equal(RolloverOutcome.TrialExpiredWithoutCard, first.Outcome);
        Assert.False(first.MadeProgress);
        Assert.Equal(SubscriptionStatus.Trial, (await f.SubscriptionAsync(ws)).Status);
        Assert.Empty(await f.InvoicesAsync(ws));
        Assert.Equal(RunRefusal.TrialExpired, await f.Metering.AuthorizeRunAsync(ws, Ct));
        Assert.Single(f.Notifier.OfType(NotificationTypes.TrialExpired));
        Assert.Equal(5 * Money.MicrosPerDollar, (await f.WalletAsync(ws)).CreditBalanceMicros); // nothing deleted

        f.Clock.Advance(TimeSpan.FromDays(2));
        await f.AddCardAsync(ws);
        var converted = await f.Periods.RollOverAsync(ws, Ct);

        Assert.Equal(RolloverOutcome.TrialConverted, converted.Outcome);
        var now = f.Clock.GetUtcNow().UtcDateTime;
        var subscription = await f.SubscriptionAsync(ws);
        Assert.Equal(SubscriptionStatus.Active, subscription.Status);
        // The card came after the trial ended: paid from now, not backdated over the days runs were refused.
        Assert.Equal(now, subscription.BillingAnchor);
        Assert.Equal((now, now.AddMonths(1)), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        var invoice = Assert.Single(await f.InvoicesAsync(ws));
        Assert.Equal(now, invoice.IssuedAt);
        Assert.Null(await f.Metering.AuthorizeRunAsync(ws, Ct));
    }

    [Fact]
    public async Task TrialEnds_WithOnlyAnExpiredCard_IsNotConverted()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro, trialDays: 14);
        await f.AddCardAsync(ws, expYear: 2025);

        f.Clock.Advance(TimeSpan.FromDays(15));

        Assert.Equal(RolloverOutcome.TrialExpiredWithoutCard, (await f.Periods.RollOverAsync(ws, Ct)).Outcome);
        Assert.Equal(SubscriptionStatus.Trial, (await f.SubscriptionAsync(ws)).Status);
    }

    [Fact]
    public async Task TrialRunning_IsNotTouched_AndItsManagersAreToldOnceWhenItIsAboutToEnd()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro, trialDays: 14);
        await f.AddCardAsync(ws);

        f.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(RolloverOutcome.NothingDue, (await f.Periods.RollOverAsync(ws, Ct)).Outcome);
        Assert.Empty(f.Notifier.OfType(NotificationTypes.TrialEnding));

        f.Clock.Advance(TimeSpan.FromDays(1)); // three days left
        Assert.Equal(RolloverOutcome.TrialEnding, (await f.Periods.RollOverAsync(ws, Ct)).Outcome);
        f.Clock.Advance(TimeSpan.FromDays(1));
        await f.Worker.RunOnceAsync(Ct);

        var notice = Assert.Single(f.Notifier.OfType(NotificationTypes.TrialEnding));
        Assert.Equal("Your trial ends in 3 days", notice.Title);
        Assert.Equal(SubscriptionStatus.Trial, (await f.SubscriptionAsync(ws)).Status);
        Assert.Empty(await f.InvoicesAsync(ws));
    }

    [Fact]
    public async Task TrialEnds_WithAPendingDowngradeToFree_BecomesActiveOnFreeWithoutAnInvoice()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro, trialDays: 14);
        await f.AddCardAsync(ws);
        await f.UpdateSubscriptionAsync(ws, s => s.PendingPlanCode = PlanCatalog.Free.Code);

        f.Clock.Advance(TimeSpan.FromDays(14));
        var result = await f.Periods.RollOverAsync(ws, Ct);

        Assert.Equal(RolloverOutcome.TrialConverted, result.Outcome);
        Assert.Null(result.Invoice);
        var subscription = await f.SubscriptionAsync(ws);
        Assert.Equal((SubscriptionStatus.Active, "free", null), (subscription.Status, subscription.PlanCode, subscription.PendingPlanCode));
        Assert.Empty(await f.InvoicesAsync(ws));
        Assert.Equal(PlanCatalog.Free.MonthlyAllowance.Micros, (await f.WalletAsync(ws)).AllowanceRemainingMicros);
    }

    [Fact]
    public async Task TrialLongerThanAPeriod_GetsItsAllowanceBackAtThePeriodEnd_WithoutAnInvoice_ThenConverts()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro, trialDays: 45);
        await f.AddCardAsync(ws);
        await f.SpendAsync(ws, 10 * Money.MicrosPerDollar);

        f.Clock.Advance(TimeSpan.FromDays(31));
        var pass = await f.Worker.RunOnceAsync(Ct);

        Assert.Equal((1, 0), (pass.PeriodsClosed, pass.TrialsConverted));
        var subscription = await f.SubscriptionAsync(ws);
        Assert.Equal(SubscriptionStatus.Trial, subscription.Status);
        Assert.Equal((Created.AddMonths(1), Created.AddMonths(2)), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
        Assert.Equal(PlanCatalog.Pro.MonthlyAllowance.Micros, (await f.WalletAsync(ws)).AllowanceRemainingMicros);
        Assert.Empty(await f.InvoicesAsync(ws)); // a trial is never charged

        f.Clock.Advance(TimeSpan.FromDays(14)); // day 45: the trial ends
        Assert.Equal(1, (await f.Worker.RunOnceAsync(Ct)).TrialsConverted);
        var invoice = Assert.Single(await f.InvoicesAsync(ws));
        Assert.Equal((Created.AddMonths(1), Created.AddDays(45)), (invoice.PeriodStart, invoice.PeriodEnd));
        Assert.Equal(Created.AddDays(45), (await f.SubscriptionAsync(ws)).BillingAnchor);
    }
}
