using BillingPortal.Domain;
using BillingPortal.Domain.Audit;
using BillingPortal.Features.Subscriptions;
using BillingPortal.Tests.Features.Payments;
using BillingPortal.Tests.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Features.Payments.PaymentsFixture;

namespace BillingPortal.Tests.Features.Activity;

/// <summary>Changes no person makes directly: the worker applying a downgrade, and Stripe's refunds and disputes.</summary>
public sealed class SystemActorAuditTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheWorker_ApplyingAPendingDowngrade_RecordsOnePlanSwitch_AsTheWorker()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro, trialDays: 14);
        await f.AddCardAsync(ws);
        await f.UpdateSubscriptionAsync(ws, s => s.PendingPlanCode = PlanCatalog.Free.Code);
        f.Clock.Advance(TimeSpan.FromDays(14));

        Assert.Equal(RolloverOutcome.TrialConverted, (await f.Periods.RollOverAsync(ws, Ct)).Outcome);
        await f.Periods.RollOverAsync(ws, Ct); // nothing more is due: nothing more is recorded

        await using var db = await f.Database.Factory.CreateDbContextAsync(Ct);
        var row = Assert.Single(await db.AuditEntries.Where(a => a.WorkspaceId == ws && a.Action == AuditActions.PlanSwitched).ToListAsync(Ct));
        Assert.Equal((AuditActors.Worker, AuditSource.Worker, (string?)null), (row.ActorLabel, row.Source, row.ActorUserId));
        Assert.Equal("{\"plan\":\"pro\",\"pendingPlan\":\"free\"}", row.Before);
        Assert.Equal("{\"plan\":\"free\",\"pendingPlan\":null}", row.After);
    }

    [Fact]
    public async Task Refunds_AndADispute_RecordOneRowPerNewAmount_AsStripe()
    {
        await using var f = await PaymentsFixture.CreateAsync();
        var fifteen = 15 * Money.MicrosPerDollar;
        var five = 5 * Money.MicrosPerDollar;
        var payment = await f.StartPurchaseAsync(fifteen);
        await f.Fulfilment.ConfirmSucceededAsync(ReportFor(payment), Ct);

        await f.Fulfilment.RecordRefundAsync(ReportFor(payment), five, Ct);
        await f.Fulfilment.RecordRefundAsync(ReportFor(payment), five, Ct); // the same report again: nothing new
        await f.Fulfilment.RecordDisputeAsync(ReportFor(payment), five, Ct);

        await using var db = await f.Database.Factory.CreateDbContextAsync(Ct);
        var rows = await db.AuditEntries.Where(a => a.TargetId == payment.Id.ToString()).OrderBy(a => a.Id).ToListAsync(Ct);
        Assert.Equal([AuditActions.PaymentRefunded, AuditActions.PaymentDisputed], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal((AuditActors.Stripe, AuditSource.Webhook), (r.ActorLabel, r.Source)));
        Assert.Equal(("{\"refundedMicros\":0}", "{\"refundedMicros\":5000000}"), (rows[0].Before, rows[0].After));
    }
}
