using BillingPortal.Domain;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static BillingPortal.Tests.Api.MeteringTesting;

namespace BillingPortal.Tests.Api;

/// <summary>The demo's usage history went through the real metering: its totals agree with its raw line items.</summary>
public sealed class MeteringDemoTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DemoSeed_RecordsNinetyDaysOfAgentRunsWhoseDebitsRunsAndRollupsEqualTheirLineItems()
    {
        var acme = (await AcmeAsync(app.Factory)).WorkspaceId;
        await using var db = app.Factory.Open();
        var lines = await db.UsageLineItems.Where(l => l.WorkspaceId == acme).Select(l => new { l.Agent, l.Timestamp, l.CostMicros, l.RateId }).ToListAsync(Ct);
        var usageDebits = await db.LedgerEntries.Where(e => e.WorkspaceId == acme && e.Type == LedgerEntryType.Usage).SumAsync(e => e.CreditDeltaMicros + e.AllowanceDeltaMicros, Ct);
        var runs = await db.UsageRuns.Where(r => r.WorkspaceId == acme).SumAsync(r => r.CostMicros, Ct);
        var rollups = await db.UsageDailyRollups.Where(r => r.WorkspaceId == acme).SumAsync(r => r.CostMicros, Ct);

        var total = lines.Sum(l => l.CostMicros);
        Assert.True(total > 0);
        Assert.Equal(total, -usageDebits);
        Assert.Equal(total, runs);
        Assert.Equal(total, rollups);
        Assert.Equal(["code-reviewer", "data-analyst", "research-agent", "support-bot"], lines.Select(l => l.Agent).Distinct().Order());
        Assert.Equal(90, lines.Select(l => l.Timestamp.Date).Distinct().Count());
        Assert.All(lines, l => Assert.True(l.RateId > 0));
        Assert.Empty(await AuditAsync(app.Factory, acme));
    }
}
