using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Subscriptions;
using BillingPortal.Ledger;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Scaling;

/// <summary>
/// Two app instances (each its own host, services, caches and background writers) over one PostgreSQL database,
/// doing the same money work at the same moment: it happens once.
/// </summary>
public sealed class InstancesInProcessTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BothInstancesWorkers_ClosingTheSamePeriodAtOnce_IssueOneInvoiceAndOneCharge()
    {
        await using var a = new BillingAppFactory { Engine = Engine.Postgres };
        _ = a.Server;
        await using var b = new BillingAppFactory { JoinDatabase = a.ConnectionString, SeedDemo = false };
        _ = b.Server;
        // The demo's trial ends in nine days; its card is on file, so the trial converts, is invoiced and collected.
        a.Clock.Advance(TimeSpan.FromDays(9));
        b.Clock.Advance(TimeSpan.FromDays(9));
        var workers = new[] { a, b }.Select(f => f.Services.GetRequiredService<BillingWorker>()).ToArray();
        using var start = new Barrier(6);

        var passes = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait(Ct);
            return await workers[i % 2].RunOnceAsync(Ct);
        }, Ct)));

        Assert.Equal(1, passes.Sum(p => p.TrialsConverted));
        Assert.Equal(0, passes.Sum(p => p.Failed));
        await using var db = await a.DbFactory.CreateDbContextAsync(Ct);
        var acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        var invoice = await db.Invoices.AsNoTracking().SingleAsync(i => i.WorkspaceId == acme, Ct);
        Assert.Equal(InvoiceKind.Period, invoice.Kind);
        var charges = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoice.Id).ToListAsync(Ct);
        Assert.Single(charges);
        Assert.Equal(PaymentStatus.Succeeded, charges[0].Status);
        Assert.Equal(invoice.TotalMicros, charges[0].AmountMicros);
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(1, await db.LedgerEntries.CountAsync(e => e.WorkspaceId == acme && e.Type == LedgerEntryType.AllowanceReset
            && e.CreatedAt >= a.Clock.GetUtcNow().UtcDateTime.AddDays(-1), Ct));
        Assert.Empty(await a.Services.GetRequiredService<LedgerAudit>().CheckAsync(acme, Ct));
    }

    [Fact]
    public async Task SixteenConfirmationsOfOnePayment_SpreadOverBothInstances_CreditItOnce()
    {
        await using var a = new BillingAppFactory { Engine = Engine.Postgres };
        _ = a.Server;
        await using var b = new BillingAppFactory { JoinDatabase = a.ConnectionString, SeedDemo = false };
        _ = b.Server;
        Guid acme;
        string ownerId;
        await using (var db = await a.DbFactory.CreateDbContextAsync(Ct))
        {
            acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
            ownerId = await db.Users.Where(u => u.Email == "owner@acme.test").Select(u => u.Id).SingleAsync(Ct);
        }
        var balanceBefore = await CreditBalanceAsync(a, acme);
        var started = await a.Services.GetRequiredService<PurchaseService>()
            .StartAsync(acme, ownerId, 40 * Money.MicrosPerDollar, "instances-16", "https://billing.test/", Ct);
        var payment = started.Payment!;
        var report = new PaymentReport("racer", payment.Id, WorkspaceId: payment.WorkspaceId, AmountMicros: payment.AmountMicros,
            Currency: payment.Currency, LiveMode: payment.LiveMode, ProviderPaymentId: $"pi_{payment.Id:N}", ProviderChargeId: $"ch_{payment.Id:N}");
        var fulfilments = new[] { a, b }.Select(f => f.Services.GetRequiredService<PaymentFulfilment>()).ToArray();
        using var start = new Barrier(16);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(async () =>
        {
            start.SignalAndWait(Ct);
            return await fulfilments[i % 2].ConfirmSucceededAsync(report with { Source = $"racer {i}" }, Ct);
        }, Ct)));

        Assert.Single(results, r => r.Outcome == FulfilmentOutcome.Applied);
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { FulfilmentOutcome.Applied, FulfilmentOutcome.AlreadyDone }));
        await using var check = await a.DbFactory.CreateDbContextAsync(Ct);
        var stored = await check.Payments.AsNoTracking().SingleAsync(p => p.Id == payment.Id, Ct);
        Assert.Equal(PaymentStatus.Succeeded, stored.Status);
        var credit = await check.LedgerEntries.AsNoTracking().SingleAsync(e => e.WorkspaceId == acme && e.Id == stored.CreditEntryId, Ct);
        Assert.Equal(40 * Money.MicrosPerDollar, credit.CreditDeltaMicros);
        Assert.Equal(balanceBefore + 40 * Money.MicrosPerDollar, await CreditBalanceAsync(b, acme));
        Assert.Empty(await a.Services.GetRequiredService<LedgerAudit>().CheckAsync(acme, Ct));
    }

    private static async Task<long> CreditBalanceAsync(BillingAppFactory f, Guid workspace)
    {
        await using var db = await f.DbFactory.CreateDbContextAsync(Ct);
        return await db.Wallets.Where(w => w.WorkspaceId == workspace).Select(w => w.CreditBalanceMicros).SingleAsync(Ct);
    }
}
