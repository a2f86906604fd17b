using BillingPortal.Domain;
using BillingPortal.Features.Overview;
using BillingPortal.Features.Subscriptions;

namespace BillingPortal.Tests.Features.Subscriptions;

/// <summary>
/// What the Overview promises about a trial (when the allowance resets, when a pending downgrade applies, when the
/// first charge comes) is what the worker then does, to the second: nothing one second before, all of it one after.
/// </summary>
public sealed class TrialDatesAgreementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithACard_TheDowngradeTheAllowanceAndTheFirstCharge_AllHappenAtTheTrialsEnd_AsTheOverviewSays()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro, trialDays: 14);
        await f.AddCardAsync(ws);
        await f.UpdateSubscriptionAsync(ws, s => s.PendingPlanCode = PlanCatalog.Free.Code);
        await f.SpendAsync(ws, 3 * Money.MicrosPerDollar);
        var trialEnd = (await f.SubscriptionAsync(ws)).TrialEndsAt!.Value;

        var promised = (await new OverviewService(f.Database.Factory, f.Clock).GetAsync(ws, Ct))!.Subscription.Dates;

        Assert.Equal(trialEnd, promised.ChangesAt);
        Assert.Equal(trialEnd, promised.ChargesAt);
        Assert.True(promised.ChangesAt < (await f.SubscriptionAsync(ws)).CurrentPeriodEnd, "before this rule, the Overview said the period's end");

        f.Clock.Advance(promised.ChangesAt - f.Clock.GetUtcNow().UtcDateTime - TimeSpan.FromSeconds(1));
        await f.Worker.RunOnceAsync(Ct);
        Assert.Equal((PlanCatalog.Pro.Code, PlanCatalog.Free.Code), ((await f.SubscriptionAsync(ws)).PlanCode, (await f.SubscriptionAsync(ws)).PendingPlanCode));
        Assert.Empty(await f.InvoicesAsync(ws));

        f.Clock.Advance(TimeSpan.FromSeconds(2));
        await f.Worker.RunOnceAsync(Ct);
        var after = await f.SubscriptionAsync(ws);
        Assert.Equal((PlanCatalog.Free.Code, (string?)null), (after.PlanCode, after.PendingPlanCode));
        Assert.Equal(PlanCatalog.Free.MonthlyAllowance.Micros, (await f.WalletAsync(ws)).AllowanceRemainingMicros);
    }

    [Fact]
    public async Task WithoutACard_NothingIsChargedAtTheTrialsEnd_AndTheAllowanceResetsAtThePeriodsEnd()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro, trialDays: 14);
        await f.SpendAsync(ws, 3 * Money.MicrosPerDollar);
        var subscription = await f.SubscriptionAsync(ws);

        var promised = (await new OverviewService(f.Database.Factory, f.Clock).GetAsync(ws, Ct))!.Subscription.Dates;

        Assert.Null(promised.ChargesAt);
        Assert.Equal(subscription.CurrentPeriodEnd, promised.ChangesAt);

        f.Clock.Advance(subscription.TrialEndsAt!.Value - f.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));
        await f.Worker.RunOnceAsync(Ct);
        Assert.Empty(await f.InvoicesAsync(ws));
        Assert.Equal(PlanCatalog.Pro.MonthlyAllowance.Micros - 3 * Money.MicrosPerDollar, (await f.WalletAsync(ws)).AllowanceRemainingMicros);

        f.Clock.Advance(promised.ChangesAt - f.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromSeconds(1));
        await f.Worker.RunOnceAsync(Ct);
        Assert.Empty(await f.InvoicesAsync(ws));
        Assert.Equal(PlanCatalog.Pro.MonthlyAllowance.Micros, (await f.WalletAsync(ws)).AllowanceRemainingMicros);
    }

    [Fact]
    public async Task ATrialLongerThanItsPeriod_WhenTheWorkerCatchesUpPastBoth_ClosesThePeriodFirst_ThenConvertsAtTheTrialsEnd()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro, trialDays: 45);
        await f.AddCardAsync(ws);
        await f.UpdateSubscriptionAsync(ws, s => s.PendingPlanCode = PlanCatalog.Free.Code);
        var subscription = await f.SubscriptionAsync(ws);
        var promised = (await new OverviewService(f.Database.Factory, f.Clock).GetAsync(ws, Ct))!.Subscription.Dates;
        Assert.Equal((subscription.CurrentPeriodEnd, subscription.TrialEndsAt), (promised.ChangesAt, promised.ChargesAt));

        // The worker was down through both dates: it still does each at its own instant, in the promised order.
        f.Clock.Advance(subscription.TrialEndsAt!.Value - f.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromDays(2));
        await f.Worker.RunOnceAsync(Ct);

        var resets = (await f.EntriesAsync(ws, LedgerEntryType.AllowanceReset)).Select(e => e.CreatedAt).Order().ToList();
        Assert.Equal([promised.ChangesAt, promised.ChargesAt!.Value], resets[^2..]);
        var after = await f.SubscriptionAsync(ws);
        Assert.Equal((SubscriptionStatus.Active, PlanCatalog.Free.Code, promised.ChargesAt.Value), (after.Status, after.PlanCode, after.CurrentPeriodStart));
    }

    [Fact]
    public async Task ACardThatExpiresBeforeTheTrialEnds_PromisesNoCharge_AndTheWorkerChargesNothing()
    {
        await using var f = await BillingFixture.CreateAsync();
        var start = f.Clock.GetUtcNow().UtcDateTime;
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro, trialDays: 400);
        var card = await f.AddCardAsync(ws, expYear: start.Year); // good through December, when the trial is still running
        var trialEnd = (await f.SubscriptionAsync(ws)).TrialEndsAt!.Value;
        Assert.True(!card.IsExpired(start) && card.IsExpired(trialEnd));

        var promised = (await new OverviewService(f.Database.Factory, f.Clock).GetAsync(ws, Ct))!;

        Assert.Null(promised.Subscription.Dates.ChargesAt);
        Assert.True(promised.NextInvoice!.AwaitsCard);
        f.Clock.Advance(trialEnd - start + TimeSpan.FromSeconds(1));
        PeriodRollover step;
        do step = await f.Periods.RollOverAsync(ws, Ct);
        while (step.MadeProgress);
        Assert.Equal(SubscriptionStatus.Trial, (await f.SubscriptionAsync(ws)).Status);
        Assert.Empty(await f.InvoicesAsync(ws));
    }
}
