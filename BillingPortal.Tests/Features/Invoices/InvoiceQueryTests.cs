using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Features.Invoices;
using BillingPortal.Tests.Infrastructure;

namespace BillingPortal.Tests.Features.Invoices;

public sealed class InvoiceQueryTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private TestDatabase db = default!;
    private InvoiceQuery query = default!;
    private Guid acme;
    private Guid other;

    public async ValueTask InitializeAsync()
    {
        db = await TestDatabase.CreateAsync();
        query = new InvoiceQuery(db.Factory);
        var owner = await db.AddUserAsync("owner@query.test");
        acme = await db.Provisioner.CreateTeamWorkspaceAsync("Acme AI", owner, PlanCatalog.Pro, trialDays: null, Ct);
        other = await db.Provisioner.CreateTeamWorkspaceAsync("Other", owner, PlanCatalog.Pro, trialDays: null, Ct);
    }

    public async ValueTask DisposeAsync() => await db.DisposeAsync();

    [Fact]
    public async Task GetPage_ListsOnlyThisWorkspace_NewestFirst_APageAtATime()
    {
        // Interleaved with another workspace's, so the global numbers of Acme's invoices have gaps between them.
        var mine = new List<Invoice>();
        for (var period = 0; period < 7; period++)
        {
            mine.Add(await InvoiceTestData.IssuePeriodAsync(db.Factory, acme, period));
            await InvoiceTestData.IssuePeriodAsync(db.Factory, other, period, customer: "Other");
        }
        var expected = mine.OrderByDescending(i => i.Number).Select(i => i.Id).ToList();

        var first = await query.GetPageAsync(acme, 0, 3, Ct);
        var second = await query.GetPageAsync(acme, 1, 3, Ct);
        var last = await query.GetPageAsync(acme, 2, 3, Ct);
        var beyond = await query.GetPageAsync(acme, 3, 3, Ct);

        Assert.All(new[] { first, second, last, beyond }, p => Assert.Equal(7, p.TotalCount));
        Assert.Equal(expected, first.Rows.Concat(second.Rows).Concat(last.Rows).Select(r => r.Id));
        Assert.Equal([3, 3, 1, 0], new[] { first, second, last, beyond }.Select(p => p.Rows.Count));
        Assert.True(first.Rows[0].IssuedAt > first.Rows[1].IssuedAt);
        Assert.Equal(mine[^1].DisplayNumber, first.Rows[0].DisplayNumber);
    }

    [Fact]
    public async Task GetPage_RowsCarryWhatTheTableShows()
    {
        var issued = await InvoiceTestData.IssuePeriodAsync(db.Factory, acme, 0, InvoiceTestData.UsageWithOverage, InvoiceStatus.PastDue);

        var row = Assert.Single((await query.GetPageAsync(acme, 0, 10, Ct)).Rows);

        Assert.Equal((issued.Id, issued.Number, InvoiceStatus.PastDue, issued.TotalMicros, false),
            (row.Id, row.Number, row.Status, row.TotalMicros, row.HostedByStripe));
        Assert.Equal((issued.PeriodStart, issued.PeriodEnd, issued.IssuedAt, issued.DueAt), (row.PeriodStart, row.PeriodEnd, row.IssuedAt, row.DueAt));
        Assert.Matches("^INV-\\d{6}$", row.DisplayNumber);
    }

    [Fact]
    public async Task GetPage_WithNone_IsEmpty()
    {
        var page = await query.GetPageAsync(acme, 0, 10, Ct);

        Assert.Empty(page.Rows);
        Assert.Equal(0, page.TotalCount);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(0, 0)]
    [InlineData(0, InvoiceQuery.MaxPageSize + 1)]
    public async Task GetPage_RefusesABadPage(int page, int size) =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => query.GetPageAsync(acme, page, size, Ct));

    [Fact]
    public async Task Find_ReturnsTheLinesInOrder_AndNothingForAnotherWorkspacesId()
    {
        var mineIssued = await InvoiceTestData.IssuePeriodAsync(db.Factory, acme, 0, InvoiceTestData.UsageWithOverage);
        var theirs = await InvoiceTestData.IssuePeriodAsync(db.Factory, other, 0, InvoiceTestData.UsageWithOverage);

        var mine = await query.FindAsync(acme, mineIssued.Id, Ct);

        Assert.NotNull(mine);
        Assert.Equal(
            [InvoiceLineKind.PlanFee, InvoiceLineKind.Overage, InvoiceLineKind.UsageSummary, InvoiceLineKind.Receipt, InvoiceLineKind.Receipt],
            mine.Lines.Select(l => l.Kind));
        Assert.Equal(Enumerable.Range(0, 5), mine.Lines.Select(l => l.Position));
        // The total is the counted lines to the micro-dollar: the plan's fee plus the credit balance below zero.
        Assert.Equal(PlanCatalog.Pro.MonthlyPrice.Micros + 3_210_000, mine.Lines.Where(l => l.CountsTowardTotal).Sum(l => l.AmountMicros));
        Assert.Equal(mine.TotalMicros, mine.Lines.Where(l => l.CountsTowardTotal).Sum(l => l.AmountMicros));
        Assert.Null(await query.FindAsync(acme, theirs.Id, Ct));
        Assert.Null(await query.FindAsync(acme, Guid.NewGuid(), Ct));
    }
}
