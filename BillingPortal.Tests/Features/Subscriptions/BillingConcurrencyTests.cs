using BillingPortal.Domain;
using BillingPortal.Features.Subscriptions;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Subscriptions;

/// <summary>Two workers (two app instances) on one database: a period is never invoiced twice, and numbers have no gaps.</summary>
public class BillingConcurrencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RollOverTwice_ForTheSamePeriod_IssuesOneInvoiceAndOneReset()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        f.Clock.Advance(TimeSpan.FromDays(31));

        var first = await f.Periods.RollOverAsync(ws, Ct);
        var second = await f.Periods.RollOverAsync(ws, Ct);

        Assert.Equal((RolloverOutcome.PeriodClosed, RolloverOutcome.NothingDue), (first.Outcome, second.Outcome));
        Assert.Single(await f.InvoicesAsync(ws));
        Assert.Equal(2, (await f.EntriesAsync(ws, LedgerEntryType.AllowanceReset)).Count); // the first allowance, then this period's
    }

    [Fact]
    public async Task EightConcurrentRollOvers_ForTheSamePeriod_IssueOneInvoiceMoveOverageOnceAndResetOnce()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        await f.SpendAsync(ws, 31 * Money.MicrosPerDollar);
        f.Clock.Advance(TimeSpan.FromDays(31));

        using var start = new SemaphoreSlim(0);
        var racers = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await start.WaitAsync(Ct);
            return await f.Periods.RollOverAsync(ws, Ct);
        }, Ct)).ToList();
        start.Release(racers.Count);
        var results = await Task.WhenAll(racers);

        Assert.Single(results, r => r.Outcome == RolloverOutcome.PeriodClosed);
        Assert.Equal(7, results.Count(r => r.Outcome == RolloverOutcome.NothingDue));
        var invoice = Assert.Single(await f.InvoicesAsync(ws));
        Assert.Equal(55 * Money.MicrosPerDollar, invoice.TotalMicros); // $49 + the $6 overdraft
        Assert.Single(await f.EntriesAsync(ws, LedgerEntryType.InvoicedOverage));
        Assert.Equal(2, (await f.EntriesAsync(ws, LedgerEntryType.AllowanceReset)).Count);
        Assert.Equal((0L, 25 * Money.MicrosPerDollar), await BalancesAsync(f, ws));
        Assert.Empty(await f.AuditAsync(ws));
    }

    [Fact]
    public async Task FourWorkersCatchingUpTogether_BillEachPeriodOnce()
    {
        await using var f = await BillingFixture.CreateAsync();
        var a = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        var b = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        f.Clock.Advance(TimeSpan.FromDays(92) + TimeSpan.FromHours(1));

        var passes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => f.Worker.RunOnceAsync(Ct), Ct)));

        Assert.Equal(6, passes.Sum(p => p.PeriodsClosed));
        Assert.All(passes, p => Assert.Equal(0, p.Failed));
        foreach (var ws in new[] { a, b })
        {
            var invoices = await f.InvoicesAsync(ws);
            Assert.Equal(3, invoices.Count);
            Assert.Equal(3, invoices.Select(i => i.IdempotencyKey).Distinct().Count());
        }
    }

    [Fact]
    public async Task ManyWorkspacesInvoicedConcurrently_GetNumbersOneToNWithNoGapOrDuplicate()
    {
        await using var f = await BillingFixture.CreateAsync();
        var workspaces = new List<Guid>();
        for (var i = 0; i < 12; i++)
            workspaces.Add(await f.NewWorkspaceAsync(PlanCatalog.Pro));
        f.Clock.Advance(TimeSpan.FromDays(31));

        // Every workspace twice at once: the duplicates must neither issue nor burn a number.
        await Task.WhenAll(workspaces.Concat(workspaces).Select(ws => Task.Run(() => f.Periods.RollOverAsync(ws, Ct), Ct)));

        await using var db = f.Database.Open();
        var numbers = await db.Invoices.AsNoTracking().OrderBy(i => i.Number).Select(i => i.Number).ToListAsync(Ct);
        Assert.Equal(Enumerable.Range(1, 12).Select(n => (long)n), numbers);
        Assert.Equal(12, await db.Invoices.Select(i => i.WorkspaceId).Distinct().CountAsync(Ct));
        Assert.Equal(12, await db.InvoiceNumberCounters.Select(c => c.LastNumber).SingleAsync(Ct));
    }

    private static async Task<(long Credits, long Allowance)> BalancesAsync(BillingFixture f, Guid ws)
    {
        var wallet = await f.WalletAsync(ws);
        return (wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros);
    }
}
