using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Credits;
using BillingPortal.Ledger;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Credits;

public sealed class CreditServiceTests : IAsyncLifetime
{
    private const long D = Money.MicrosPerDollar;
    private static readonly DateTime Day1 = new(2026, 3, 2, 10, 0, 0, DateTimeKind.Utc);
    private TestDatabase database = default!;
    private Guid workspaceId;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var owner = await database.AddUserAsync("owner@team.test");
        workspaceId = await database.Provisioner.CreateTeamWorkspaceAsync("Team", owner, PlanCatalog.Pro, trialDays: null, Ct);
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private CreditService Service => new(database.Factory);

    private Task Credit(LedgerEntryType type, long micros, int day, string key) =>
        database.Ledger.PostCreditAsync(type, new Posting(workspaceId, micros, key, $"{type} {key}", At: Day1.AddDays(day)), Ct);

    private Task Spend(long micros, int day, string key) =>
        database.Ledger.DebitAsync(new Posting(workspaceId, micros, key, $"Run {key}", At: Day1.AddDays(day)), DebitMode.AllowOverdraft, Ct);

    /// <summary>$50 purchase, $25 top-up, $10 grant, +$3 and −$2 adjustments, a $20 refund, a $5 dispute, and usage past the allowance.</summary>
    private async Task<long> PostHistoryAsync()
    {
        var allowance = (await Service.GetSummaryAsync(workspaceId, Ct))!.AllowanceRemaining.Micros;
        await Credit(LedgerEntryType.Purchase, 50 * D, 0, "p1");
        await Credit(LedgerEntryType.AutoTopUp, 25 * D, 1, "t1");
        await Credit(LedgerEntryType.Grant, 10 * D, 2, "g1");
        await Credit(LedgerEntryType.Adjustment, 3 * D, 3, "a1");
        await Credit(LedgerEntryType.Adjustment, -2 * D, 3, "a2");
        await Spend(allowance + 7_654_321, 4, "u1"); // all of the allowance and $7.654321 of credits
        await Spend(1_000_001, 5, "u2");
        await Credit(LedgerEntryType.Refund, -20 * D, 6, "r1");
        await Credit(LedgerEntryType.Dispute, -5 * D, 7, "d1");
        return allowance;
    }

    [Fact]
    public async Task Summary_CountsAddedSpentAndReversed_Separately()
    {
        var allowance = await PostHistoryAsync();

        var summary = (await Service.GetSummaryAsync(workspaceId, Ct))!;

        Assert.Equal(88 * D, summary.Lifetime.Added.Micros); // 50 + 25 + 10 + 3; the −$2 adjustment is not money added
        Assert.Equal(2 * D, summary.Lifetime.AdjustedDown.Micros); // it is a line of its own
        Assert.Equal(25 * D, summary.Lifetime.Reversed.Micros);
        Assert.Equal(allowance + 7_654_321 + 1_000_001, summary.Lifetime.Spent.Micros);
        Assert.Equal(summary.CreditBalance, summary.Lifetime.CreditBalance);
        Assert.Equal(0, summary.AllowanceRemaining.Micros);
        Assert.Equal(88 * D - 2 * D - 25 * D - 7_654_321 - 1_000_001, summary.CreditBalance.Micros);
        await using var db = database.Open();
        Assert.Equal(summary.CreditBalance.Micros, await db.LedgerEntries.Where(e => e.WorkspaceId == workspaceId).SumAsync(e => e.CreditDeltaMicros, Ct));
    }

    [Fact]
    public async Task Summary_ShowsTheFiveNewestMovements_WithTheirRunningBalance()
    {
        await PostHistoryAsync();

        var recent = (await Service.GetSummaryAsync(workspaceId, Ct))!.Recent;

        Assert.Equal(5, recent.Count);
        Assert.Equal(["Dispute d1", "Refund r1", "Run u2", "Run u1", "Adjustment a2"], recent.Select(r => r.Description));
        // Each balance is the one below it plus this entry's movement.
        for (var i = 0; i < recent.Count - 1; i++)
            Assert.Equal(recent[i + 1].BalanceAfterMicros + recent[i].CreditDeltaMicros, recent[i].BalanceAfterMicros);
        Assert.Equal((await Service.GetSummaryAsync(workspaceId, Ct))!.CreditBalance.Micros, recent[0].BalanceAfterMicros);
    }

    [Theory]
    [InlineData(5 * D, 5 * D, true)]       // at the threshold
    [InlineData(5 * D, 5 * D + 1, false)]  // just above
    [InlineData(20 * D, 19 * D, true)]     // a workspace's own, higher threshold
    public async Task Summary_IsLow_AtOrBelowTheThreshold_OfAllowancePlusCredits(long threshold, long spendable, bool low)
    {
        var summary = (await Service.GetSummaryAsync(workspaceId, Ct))!;
        // Spend everything but `spendable` (the allowance first), then check the badge's rule.
        await Spend(summary.AllowanceRemaining.Micros - spendable, 0, "u");
        if (threshold != CreditSettings.DefaultLowBalanceThresholdMicros)
        {
            await using var db = database.Open();
            db.CreditSettings.Add(new CreditSettings { WorkspaceId = workspaceId, LowBalanceThresholdMicros = threshold });
            await db.SaveChangesAsync(Ct);
        }

        var after = (await Service.GetSummaryAsync(workspaceId, Ct))!;

        Assert.Equal(spendable, after.Spendable.Micros);
        Assert.Equal(threshold, after.LowBalanceThreshold.Micros);
        Assert.Equal(low, after.IsLow);
    }

    [Fact]
    public async Task LedgerPage_FiltersByTypeAndDate_AndPagesNewestFirst()
    {
        await PostHistoryAsync();
        var credits = new LedgerFilter([LedgerEntryType.Purchase, LedgerEntryType.AutoTopUp, LedgerEntryType.Grant, LedgerEntryType.Adjustment], null, null);

        var first = await Service.GetLedgerPageAsync(workspaceId, credits, page: 0, pageSize: 3, Ct);
        var second = await Service.GetLedgerPageAsync(workspaceId, credits, page: 1, pageSize: 3, Ct);
        var days = await Service.GetLedgerPageAsync(workspaceId,
            new LedgerFilter([], DateOnly.FromDateTime(Day1.AddDays(3)), DateOnly.FromDateTime(Day1.AddDays(5))), 0, 50, Ct);
        var usageOnDay6 = await Service.GetLedgerPageAsync(workspaceId,
            new LedgerFilter([LedgerEntryType.Usage], DateOnly.FromDateTime(Day1.AddDays(6)), null), 0, 50, Ct);

        Assert.Equal(5, first.TotalCount);
        Assert.Equal(["Adjustment a2", "Adjustment a1", "Grant g1"], first.Rows.Select(r => r.Description));
        Assert.Equal(["AutoTopUp t1", "Purchase p1"], second.Rows.Select(r => r.Description));
        Assert.Equal(["Run u2", "Run u1", "Adjustment a2", "Adjustment a1"], days.Rows.Select(r => r.Description));
        Assert.Equal(0, usageOnDay6.TotalCount);
        Assert.Empty(usageOnDay6.Rows);
    }

    [Fact]
    public async Task Ledger_IsInTheOrderEntriesHappened_NotTheOrderTheyWerePosted_AndPostingOrderBreaksTies()
    {
        await Credit(LedgerEntryType.Purchase, 50 * D, 5, "late");
        await Credit(LedgerEntryType.Grant, 10 * D, 2, "backdated"); // posted after "late", dated three days before it
        await Credit(LedgerEntryType.Purchase, 1 * D, 6, "same-instant-1");
        await Credit(LedgerEntryType.Purchase, 2 * D, 6, "same-instant-2");
        string[] expected = ["Purchase same-instant-2", "Purchase same-instant-1", "Purchase late", "Grant backdated"];

        var page = await Service.GetLedgerPageAsync(workspaceId, LedgerFilter.All, 0, 10, Ct);
        var export = await Service.GetExportRowsAsync(workspaceId, LedgerFilter.All, Ct);
        var recent = (await Service.GetSummaryAsync(workspaceId, Ct))!.Recent;

        Assert.Equal(expected, page.Rows.Take(4).Select(r => r.Description));
        Assert.Equal(LedgerEntryType.AllowanceReset, page.Rows[4].Type); // the workspace's first allowance, the oldest
        Assert.Equal(page.Rows.Select(r => r.Id), export.Select(r => r.Id));
        Assert.Equal(page.Rows.Take(CreditService.RecentCount).Select(r => r.Id), recent.Select(r => r.Id));
        // Balance after stays the balance when the entry was recorded: the backdated grant came after the $50.
        Assert.Equal(60 * D, page.Rows[3].BalanceAfterMicros);
    }

    [Fact]
    public async Task Export_AgreesWithTheLedger_ToTheMicroDollar()
    {
        await PostHistoryAsync();

        var rows = await Service.GetExportRowsAsync(workspaceId, LedgerFilter.All, Ct);
        var csv = LedgerExport.ToCsv(rows);
        var document = LedgerExport.ToDocument(workspaceId, LedgerFilter.All, rows);

        await using var db = database.Open();
        var entries = await db.LedgerEntries.AsNoTracking().Where(e => e.WorkspaceId == workspaceId).OrderByDescending(e => e.Id).ToListAsync(Ct);
        Assert.Equal(entries.Select(e => (e.Id, e.CreditDeltaMicros, e.AllowanceDeltaMicros, e.BalanceAfterMicros)),
            document.Entries.Select(e => (e.Id, e.CreditDeltaMicros, e.AllowanceDeltaMicros, e.BalanceAfterMicros)));
        Assert.Equal(entries.Sum(e => e.CreditDeltaMicros), document.CreditDeltaTotalMicros);
        var lines = csv.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(entries.Count + 1, lines.Count);
        Assert.StartsWith("Id,CreatedAtUtc,Type,Description,Reference,CreditDeltaMicros,CreditDeltaUsd,", lines[0], StringComparison.Ordinal);
        var u2 = entries.Single(e => e.Description == "Run u2");
        Assert.True(lines.Any(l => l.StartsWith($"{u2.Id},", StringComparison.Ordinal) && l.Contains(",Usage,Run u2,,-1000001,-1.000001,0,0,", StringComparison.Ordinal)), string.Join("\n", lines));
    }
}
