using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Usage;
using BillingPortal.Features.Plans;
using BillingPortal.Tests.Features.Subscriptions;
using BillingPortal.Tests.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Plans;

/// <summary>
/// The what-if on a real database: the period it picks, the usage it reads (the same the period's invoice reports),
/// the runs it counts, and who may see it. The clock starts at 2026-03-01 09:00 UTC, when the workspace opens on Pro.
/// </summary>
public class PlanWhatIfQueryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateTime Opened = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime FirstEnd = Opened.AddMonths(1);

    [Fact]
    public async Task InTheFirstPeriod_ThereIsNoComparison_AndItSaysWhenTheFirstPeriodEnds()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        await f.SpendAsync(ws, 5 * Money.MicrosPerDollar);
        f.Clock.Advance(TimeSpan.FromDays(20));

        var view = await QueryAsync(f, ws, await OwnerAsync(f, ws));

        Assert.NotNull(view);
        Assert.Null(view.Period);
        Assert.Equal(FirstEnd, view.FirstPeriodEnds);
        Assert.Equal(PlanCatalog.Pro, view.Current);
    }

    [Fact]
    public async Task AfterThePeriodClosed_PricesItsUsageOnEachPlan_AsItsInvoiceReportsIt()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        await SpendMarchAsync(f, ws);
        await f.Periods.RollOverAsync(ws, Ct);
        await AddRunsAsync(f, ws, 2, at: FirstEnd); // the next period's: not counted
        await f.SpendAsync(ws, 3 * Money.MicrosPerDollar);
        f.Clock.Advance(TimeSpan.FromDays(3));

        var view = await QueryAsync(f, ws, await OwnerAsync(f, ws));

        AssertMarch(view);
        // The invoice of that period reported the same usage.
        var invoice = Assert.Single(await f.InvoicesAsync(ws));
        Assert.Equal(view!.Period!.Usage.Micros, invoice.Lines.Single(l => l.Kind == InvoiceLineKind.UsageSummary).AmountMicros);
    }

    [Fact]
    public async Task WhenTheWorkerHasNotClosedThePeriodYet_ItIsStillTheLastCompleteOne()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        await SpendMarchAsync(f, ws);
        await f.SpendAsync(ws, 3 * Money.MicrosPerDollar); // at the end instant itself: the next period's
        f.Clock.Advance(TimeSpan.FromHours(5));

        AssertMarch(await QueryAsync(f, ws, await OwnerAsync(f, ws)));
    }

    [Fact]
    public async Task AFinanceReaderSeesIt_AMemberAndAnotherWorkspacesOwnerDoNot()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        var other = await f.NewWorkspaceAsync(PlanCatalog.Free);
        var finance = await MemberAsync(f, ws, "finance@periods.test", WorkspaceRole.Member, WorkspacePermissions.BillingRead);
        var member = await MemberAsync(f, ws, "member@periods.test", WorkspaceRole.Member, WorkspacePermissions.None);

        Assert.NotNull(await QueryAsync(f, ws, finance));
        Assert.Null(await QueryAsync(f, ws, member));
        Assert.Null(await QueryAsync(f, ws, await OwnerAsync(f, other)));
        Assert.Null(await QueryAsync(f, Guid.Empty, finance));
    }

    [Fact]
    public async Task ARateOfOnePlanInForceDuringThePeriod_IsFlagged_AndOneOutsideItIsNot()
    {
        await using var f = await BillingFixture.CreateAsync();
        var ws = await f.NewWorkspaceAsync(PlanCatalog.Pro);
        var owner = await OwnerAsync(f, ws);
        await AddRateAsync(f, "pro", from: FirstEnd, to: null); // starts when the period ends
        f.Clock.Advance(TimeSpan.FromDays(32));

        Assert.False((await QueryAsync(f, ws, owner))!.Period!.PlanSpecificRates);

        await AddRateAsync(f, "enterprise", from: Opened.AddDays(-60), to: Opened.AddDays(1));
        Assert.True((await QueryAsync(f, ws, owner))!.Period!.PlanSpecificRates);
    }

    /// <summary>
    /// March's usage and runs: $20 at the opening instant, $17.123456 and 150 runs on 20 Mar. Leaves the clock at the
    /// period's end, 1 Apr 09:00.
    /// </summary>
    private static async Task SpendMarchAsync(BillingFixture f, Guid ws)
    {
        await f.SpendAsync(ws, 20 * Money.MicrosPerDollar);
        f.Clock.Advance(TimeSpan.FromDays(19));
        await f.SpendAsync(ws, 17_123_456);
        await AddRunsAsync(f, ws, 150, at: Opened.AddDays(19));
        f.Clock.SetUtcNow(FirstEnd);
    }

    /// <summary>
    /// Usage $37.123456 over 150 runs, on Pro (hand-computed):
    ///   Free:       0 + (37.123456 - 1)    = 36.123456, but 150 runs exceed its 100: not the cheapest;
    ///   Pro:        49 + (37.123456 - 25)  = 61.123456, the current plan and the cheapest that fits;
    ///   Enterprise: 499 + 0 (within 250)   = 499; against Pro +437.876544.
    /// </summary>
    private static void AssertMarch(PlanWhatIfView? view)
    {
        var period = Assert.IsType<PlanWhatIfPeriod>(view?.Period);
        Assert.Equal((Opened, FirstEnd), (period.Start, period.End));
        Assert.Equal(new Money(37_123_456), period.Usage);
        Assert.Equal(150, period.Runs);
        Assert.False(period.PlanSpecificRates);
        Assert.Equal(["free", "pro", "enterprise"], period.Lines.Select(l => l.Plan.Code));
        Assert.Equal([36_123_456L, 61_123_456L, 499_000_000L], period.Lines.Select(l => l.Price.Total.Micros));
        Assert.Equal([-25_000_000L, 0L, 437_876_544L], period.Lines.Select(l => l.Difference.Micros));
        Assert.Equal([false, true, true], period.Lines.Select(l => l.FitsRuns));
        Assert.Equal([false, true, false], period.Lines.Select(l => l.IsCheapest));
    }

    private static async Task<PlanWhatIfView?> QueryAsync(BillingFixture f, Guid ws, ClaimsPrincipal user)
    {
        await using var services = TestAuthorization.Services(f.Database);
        await using var scope = services.CreateAsyncScope();
        var query = new PlanWhatIfQuery(f.Database.Factory, scope.ServiceProvider.GetRequiredService<IAuthorizationService>(), f.Clock);
        return await query.GetAsync(user, ws, Ct);
    }

    private static async Task<ClaimsPrincipal> OwnerAsync(BillingFixture f, Guid ws)
    {
        await using var db = f.Database.Open();
        return TestAuthorization.User(await db.WorkspaceMembers.Where(m => m.WorkspaceId == ws && m.Role == WorkspaceRole.Owner).Select(m => m.UserId).SingleAsync(Ct));
    }

    private static async Task<ClaimsPrincipal> MemberAsync(BillingFixture f, Guid ws, string email, WorkspaceRole role, WorkspacePermissions permissions)
    {
        var userId = await f.Database.AddUserAsync(email);
        await using var db = f.Database.Open();
        db.WorkspaceMembers.Add(new WorkspaceMember { WorkspaceId = ws, UserId = userId, Role = role, Permissions = permissions, JoinedAt = Opened });
        await db.SaveChangesAsync(Ct);
        return TestAuthorization.User(userId);
    }

    /// <summary>Run rows as ingestion keeps them; only their start times matter here.</summary>
    private static async Task AddRunsAsync(BillingFixture f, Guid ws, int count, DateTime at)
    {
        await using var db = f.Database.Open();
        for (var i = 0; i < count; i++)
            db.UsageRuns.Add(new UsageRun { WorkspaceId = ws, RunId = $"run-{at:yyyyMMddHHmmss}-{i}", Agent = "support-bot", FirstAt = at, LastAt = at, Events = 1 });
        await db.SaveChangesAsync(Ct);
    }

    private static async Task AddRateAsync(BillingFixture f, string planCode, DateTime from, DateTime? to)
    {
        await using var db = f.Database.Open();
        db.CostRates.Add(new CostRate
        {
            LineItem = LineItemKind.Tool, Metric = UsageMetric.Calls, Key = "web-search", DisplayName = "Web search",
            UnitPriceMicros = 5_000, EffectiveFrom = from, EffectiveTo = to, PlanCode = planCode,
        });
        await db.SaveChangesAsync(Ct);
    }
}
