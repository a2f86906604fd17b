using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Features.Overview;
using BillingPortal.Features.Subscriptions.Status;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Overview;

/// <summary>
/// The Overview's "next invoice so far" over a real SQLite file: the lines and total are exactly what
/// <see cref="PeriodCharges"/> gives for the period's ledger records, to the micro-dollar.
/// </summary>
public sealed class NextInvoiceEstimateTests : IAsyncLifetime
{
    private TestDatabase database = default!;
    private OverviewService service = default!;
    private string ownerId = default!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        service = new OverviewService(database.Factory, database.Clock);
        ownerId = await database.AddUserAsync("owner@example.test");
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    [Fact]
    public async Task Estimate_EqualsPeriodChargesForTheLedgerRecords_ToTheMicroDollar()
    {
        var start = database.Clock.GetUtcNow().UtcDateTime;
        var id = await NewWorkspaceAsync(PlanCatalog.Pro); // $25 allowance, period [start, start + 1 month)
        database.Clock.Advance(TimeSpan.FromHours(1));
        await CreditAsync(id, LedgerEntryType.Purchase, 10_000_001, "Credit purchase");
        database.Clock.Advance(TimeSpan.FromHours(1));
        await CreditAsync(id, LedgerEntryType.AutoTopUp, 5_000_003, "Automatic top-up");
        await DebitAsync(id, 30_123_457); // 25 from the allowance, 5.123457 from credits
        await DebitAsync(id, 20_000_009); // credits 9.876547 -> -10.123462: overage

        var estimate = (await service.GetAsync(id, Ct))!.NextInvoice!;

        var expectedUsage = new PeriodUsage(25_000_000, 5_123_457 + 20_000_009, -10_123_462,
        [
            new PaidReceipt(start.AddHours(1), "Credit purchase", 10_000_001),
            new PaidReceipt(start.AddHours(2), "Automatic top-up", 5_000_003),
        ]);
        var end = start.AddMonths(1);
        var expected = PeriodCharges.Lines(PlanCatalog.Pro, end, end.AddMonths(1), start, end, expectedUsage);
        Assert.Equal(expected, estimate.Lines);
        Assert.Equal(end, estimate.IssuesOn);
        Assert.Equal(49_000_000, estimate.PlanFeeMicros);
        // Billed in whole cents, rounded down: the 3,462 micros left over stay on the credit balance for next time.
        Assert.Equal(10_120_000, estimate.OverageMicros);
        Assert.Equal(59_120_000, estimate.TotalMicros);
        Assert.Equal(PeriodCharges.Total(expected), estimate.TotalMicros);

        // And independently from the rows: the overage is the credit balance below zero, the usage line all usage.
        await using var db = database.Open();
        var entries = await db.LedgerEntries.Where(e => e.WorkspaceId == id).ToListAsync(Ct);
        Assert.Equal(-entries.Sum(e => e.CreditDeltaMicros) / Money.MicrosPerCent * Money.MicrosPerCent, estimate.OverageMicros);
        Assert.Equal(-entries.Where(e => e.Type == LedgerEntryType.Usage).Sum(e => e.TotalDeltaMicros),
            estimate.Lines.Single(l => l.Kind == InvoiceLineKind.UsageSummary).AmountMicros);
    }

    [Fact]
    public async Task Estimate_CountsOnlyUsageAndReceiptsOfTheCurrentPeriod()
    {
        var id = await NewWorkspaceAsync(PlanCatalog.Pro);
        await CreditAsync(id, LedgerEntryType.Purchase, 40_000_000, "Last period's purchase");
        await DebitAsync(id, 30_000_000); // last period: 25 allowance + 5 credits
        database.Clock.Advance(TimeSpan.FromDays(31));
        var periodStart = database.Clock.GetUtcNow().UtcDateTime;
        await MovePeriodAsync(id, periodStart, periodStart.AddMonths(1));
        await database.Ledger.ResetAllowanceAsync(new Posting(id, PlanCatalog.Pro.MonthlyAllowance.Micros, "allowance:next", "Next period's allowance"), Ct);
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        await DebitAsync(id, 1_234_567);

        var estimate = (await service.GetAsync(id, Ct))!.NextInvoice!;

        var usage = estimate.Lines.Single(l => l.Kind == InvoiceLineKind.UsageSummary);
        Assert.Equal(1_234_567, usage.AmountMicros);
        Assert.DoesNotContain(estimate.Lines, l => l.Kind == InvoiceLineKind.Receipt);
        Assert.Equal(0, estimate.OverageMicros);
        Assert.Equal(49_000_000, estimate.TotalMicros);
        Assert.Equal(periodStart, estimate.UsageStart);
    }

    [Fact]
    public async Task Estimate_WithAPendingDowngradeToFree_BillsFree_AndIssuesNothingWithoutOverage()
    {
        var id = await NewWorkspaceAsync(PlanCatalog.Pro);
        await using (var db = database.Open())
            await db.Subscriptions.Where(s => s.WorkspaceId == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.PendingPlanCode, "free"), Ct);

        var overview = await service.GetAsync(id, Ct);

        Assert.Equal("Free", overview!.Subscription.PendingPlanName);
        Assert.Equal("free", overview.NextInvoice!.PlanCode);
        Assert.Equal(0, overview.NextInvoice.TotalMicros);
        Assert.True(overview.NextInvoice.IssuesNothing);
    }

    [Fact]
    public async Task Estimate_DuringATrial_IsIssuedAtTheTrialsEnd_ForTheFullPlanFee()
    {
        var start = database.Clock.GetUtcNow().UtcDateTime;
        var id = await database.Provisioner.CreateTeamWorkspaceAsync("Trial", ownerId, PlanCatalog.Pro, trialDays: 14, Ct);

        var estimate = (await service.GetAsync(id, Ct))!.NextInvoice!;

        Assert.Equal(start.AddDays(14), estimate.IssuesOn);
        Assert.Equal(49_000_000, estimate.TotalMicros);
        Assert.Contains(PeriodCharges.Span(start.AddDays(14), start.AddDays(14).AddMonths(1)), estimate.Lines[0].Description, StringComparison.Ordinal);

        // Once the trial has ended without a card, conversion waits for one: the estimate moves with the clock.
        database.Clock.Advance(TimeSpan.FromDays(20));
        Assert.Equal(database.Clock.GetUtcNow().UtcDateTime, (await service.GetAsync(id, Ct))!.NextInvoice!.IssuesOn);
    }

    [Theory]
    [InlineData("2026-01-31", "2026-02-28", "2026-03-31")]
    [InlineData("2026-01-15", "2026-02-15", "2026-03-15")]
    [InlineData("2025-12-31", "2026-04-30", "2026-05-31")]
    [InlineData("2026-03-01", "2026-04-01", "2026-05-01")]
    public void NextPeriod_UsedByTheEstimate_KeepsToTheAnchorDay(string anchor, string currentEnd, string expected)
    {
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            BillingPortal.Domain.Subscriptions.BillingCycle.NextPeriodEnd(DateTime.Parse(anchor, System.Globalization.CultureInfo.InvariantCulture),
                DateTime.Parse(currentEnd, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private Task<Guid> NewWorkspaceAsync(Plan plan) =>
        database.Provisioner.CreateTeamWorkspaceAsync("Estimate", ownerId, plan, trialDays: null, Ct);

    private async Task MovePeriodAsync(Guid id, DateTime start, DateTime end)
    {
        await using var db = database.Open();
        await db.Subscriptions.Where(s => s.WorkspaceId == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CurrentPeriodStart, start).SetProperty(x => x.CurrentPeriodEnd, end), Ct);
    }

    private Task CreditAsync(Guid workspaceId, LedgerEntryType type, long micros, string description) =>
        database.Ledger.PostCreditAsync(type, new Posting(workspaceId, micros, Guid.NewGuid().ToString(), description), Ct);

    private Task DebitAsync(Guid workspaceId, long micros) =>
        database.Ledger.DebitAsync(new Posting(workspaceId, micros, Guid.NewGuid().ToString(), "Agent usage"), DebitMode.AllowOverdraft, Ct);
}
