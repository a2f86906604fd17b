using System.Net;
using System.Net.Http.Json;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Features.Subscriptions;
using BillingPortal.Features.Usage;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Api;

/// <summary>
/// The whole app started at the calendar's awkward instants: thirty seconds before midnight UTC at a month's end,
/// on 29 February, on 31 December, and on an ordinary day. Nothing here reads the machine's date.
/// </summary>
public sealed class CalendarEdgeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Edges => new()
    {
        "2026-01-31T23:59:30Z", // a 31-day month's end; the next month has 28 days
        "2028-02-29T23:59:30Z", // a leap day
        "2026-12-31T23:59:30Z", // the year's end
        "2026-06-15T23:59:30Z", // an ordinary midnight
    };

    private static BillingAppFactory At(string instant) => new() { StartAt = DateTimeOffset.Parse(instant) };

    [Theory]
    [MemberData(nameof(Edges))]
    public async Task DemoData_SeededAtTheEdge_ChainsItsLedger_HoldsNothingInTheFuture_AndPagesAnswerEitherSideOfMidnight(string instant)
    {
        await using var app = At(instant);
        var owner = await app.LoginAsync("owner@acme.test");
        var now = app.Clock.GetUtcNow().UtcDateTime;

        await using (var db = await app.DbFactory.CreateDbContextAsync(Ct))
        {
            Assert.False(await db.LedgerEntries.AnyAsync(e => e.CreatedAt > now, Ct), "A demo ledger entry is dated after now.");
            Assert.False(await db.UsageLineItems.AnyAsync(u => u.Timestamp > now, Ct), "A demo usage line item is dated after now.");
            foreach (var wallet in await db.Wallets.AsNoTracking().ToListAsync(Ct))
            {
                var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.WorkspaceId == wallet.WorkspaceId).OrderBy(e => e.Id).ToListAsync(Ct);
                long credit = 0, allowance = 0;
                foreach (var entry in entries)
                {
                    (credit, allowance) = (credit + entry.CreditDeltaMicros, allowance + entry.AllowanceDeltaMicros);
                    Assert.Equal((credit, allowance), (entry.BalanceAfterMicros, entry.AllowanceAfterMicros));
                }
                Assert.Equal((credit, allowance), (wallet.CreditBalanceMicros, wallet.AllowanceRemainingMicros));
            }
        }

        foreach (var _ in new[] { "before midnight", "after midnight" })
        {
            foreach (var page in new[] { "/billing", "/billing/usage", "/billing/credits", "/billing/invoices", "/billing/plans" })
            {
                var response = await owner.GetAsync(page, Ct);
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} at {app.Clock.GetUtcNow():O} answered {(int)response.StatusCode}.");
            }
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }
    }

    [Theory]
    [MemberData(nameof(Edges))]
    public async Task UsageEitherSideOfMidnight_LandsOnItsOwnUtcDay_AndTheDailyTotalsAgreeWithTheLineItems(string instant)
    {
        await using var app = At(instant);
        var ws = await MeteringTesting.NewWorkspaceAsync(app);
        var owner = await app.LoginAsync("owner@acme.test");
        var before = app.Clock.GetUtcNow().UtcDateTime; // 23:59:30

        Assert.Equal(HttpStatusCode.OK, (await ws.PostUsageAsync(MeteringTesting.Llm(app, "late", run: "run-late"))).StatusCode); // 23:58:30
        app.Clock.Advance(TimeSpan.FromMinutes(2)); // 00:01:30 the next day
        Assert.Equal(HttpStatusCode.OK, (await ws.PostUsageAsync(MeteringTesting.Llm(app, "early", run: "run-early", input: 5000))).StatusCode); // 00:00:30

        var dayBefore = DateOnly.FromDateTime(before);
        var dayAfter = dayBefore.AddDays(1);
        var export = await owner.GetFromJsonAsync<UsageExportDocument>(
            $"/api/workspaces/{ws.WorkspaceId}/billing/usage/export?format=json&from={dayBefore:yyyy-MM-dd}&to={dayAfter:yyyy-MM-dd}", Ct);

        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        var items = await db.UsageLineItems.AsNoTracking().Where(u => u.WorkspaceId == ws.WorkspaceId).ToListAsync(Ct);
        Assert.Equal(["run-late"], items.Where(i => DateOnly.FromDateTime(i.Timestamp) == dayBefore).Select(i => i.RunId).Distinct());
        Assert.Equal(["run-early"], items.Where(i => DateOnly.FromDateTime(i.Timestamp) == dayAfter).Select(i => i.RunId).Distinct());
        foreach (var day in new[] { dayBefore, dayAfter })
        {
            var fromItems = items.Where(i => DateOnly.FromDateTime(i.Timestamp) == day).Sum(i => i.CostMicros);
            Assert.True(fromItems > 0);
            Assert.Equal(fromItems, export!.Rows.Where(r => r.Day == day).Sum(r => r.CostMicros));
        }
        Assert.Equal(items.Sum(i => i.CostMicros), export!.TotalMicros);
        Assert.Equal(items.Sum(i => i.CostMicros), -(await db.LedgerEntries.Where(e => e.WorkspaceId == ws.WorkspaceId && e.Type == LedgerEntryType.Usage)
            .SumAsync(e => e.CreditDeltaMicros + e.AllowanceDeltaMicros, Ct)));
    }

    [Theory]
    [InlineData("2026-01-31T23:59:30Z", "2026-02-28T23:59:30Z", "2026-03-31T23:59:30Z")] // counted from the anchor, not from Feb 28
    [InlineData("2028-02-29T23:59:30Z", "2028-03-29T23:59:30Z", "2028-04-29T23:59:30Z")]
    [InlineData("2026-12-31T23:59:30Z", "2027-01-31T23:59:30Z", "2027-02-28T23:59:30Z")]
    [InlineData("2026-06-15T23:59:30Z", "2026-07-15T23:59:30Z", "2026-08-15T23:59:30Z")]
    public async Task APeriodStartedAtTheEdge_ClosesOnceAtItsEnd_WithOneInvoiceAndAFreshAllowance(string instant, string firstEnd, string secondEnd)
    {
        await using var app = At(instant);
        var ws = await MeteringTesting.NewWorkspaceAsync(app);
        var worker = app.Services.GetRequiredService<BillingWorker>();
        var end = DateTime.Parse(firstEnd).ToUniversalTime();
        Assert.Equal(HttpStatusCode.OK, (await ws.PostUsageAsync(MeteringTesting.Llm(app, "spend"))).StatusCode);

        app.Clock.SetUtcNow(end.AddSeconds(-1));
        await worker.RunOnceAsync(Ct);
        Assert.Empty(await InvoicesAsync(app, ws.WorkspaceId));

        app.Clock.SetUtcNow(end);
        await worker.RunOnceAsync(Ct);
        await worker.RunOnceAsync(Ct); // a second pass at the same instant closes nothing more

        var invoice = Assert.Single(await InvoicesAsync(app, ws.WorkspaceId));
        Assert.Equal((InvoiceKind.Period, DateTime.Parse(instant).ToUniversalTime(), end), (invoice.Kind, invoice.PeriodStart, invoice.PeriodEnd));
        Assert.Equal(PlanCatalog.Pro.MonthlyPrice.Micros, invoice.TotalMicros);
        await using (var db = await app.DbFactory.CreateDbContextAsync(Ct))
        {
            var subscription = await db.Subscriptions.AsNoTracking().SingleAsync(s => s.WorkspaceId == ws.WorkspaceId, Ct);
            Assert.Equal((end, DateTime.Parse(secondEnd).ToUniversalTime()), (subscription.CurrentPeriodStart, subscription.CurrentPeriodEnd));
            var wallet = await db.Wallets.AsNoTracking().SingleAsync(w => w.WorkspaceId == ws.WorkspaceId, Ct);
            Assert.Equal(PlanCatalog.Pro.MonthlyAllowance.Micros, wallet.AllowanceRemainingMicros);
        }
    }

    private static async Task<List<Invoice>> InvoicesAsync(BillingAppFactory app, Guid workspaceId)
    {
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        return await db.Invoices.AsNoTracking().Where(i => i.WorkspaceId == workspaceId).ToListAsync(Ct);
    }
}
