using BillingPortal.Domain;
using BillingPortal.Features.Overview;
using BillingPortal.Tests.Infrastructure;
using Bunit;

namespace BillingPortal.Tests.Features.Overview;

public sealed class RecentActivityTableTests : BunitContextBase
{
    [Fact]
    public void Render_WithNoEntries_ShowsTheEmptyStateAndNoTable()
    {
        var cut = Render<RecentActivityTable>(p => p.Add(c => c.Entries, []));

        Assert.Contains("No activity yet", cut.Find("[data-testid=recent-activity-empty]").TextContent);
        Assert.Empty(cut.FindAll("table"));
    }

    [Fact]
    public void Render_WithEntries_ListsThemInTheOrderGivenWithSignedDeltas()
    {
        RecentLedgerEntry[] entries =
        [
            OverviewSamples.Entry(3, LedgerEntryType.Usage, -1_775_318, -25_000_000, -1_775_318, "Agent usage"),
            OverviewSamples.Entry(2, LedgerEntryType.AllowanceReset, 0, 25_000_000, 0, "Pro plan allowance"),
            OverviewSamples.Entry(1, LedgerEntryType.Purchase, 250_000_000, 0, 250_000_000, "Credit purchase"),
        ];

        var cut = Render<RecentActivityTable>(p => p.Add(c => c.Entries, entries));

        var rows = cut.FindAll("[data-testid=recent-activity] table tbody tr");
        Assert.Equal(3, rows.Count);
        var cells = rows.Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray()).ToArray();
        Assert.Equal(["Usage", "Agent usage", "$1.78", "$25.00", "$1.78"], cells[0][1..].Select(StripSign));
        Assert.StartsWith("-", cells[0][3]);
        Assert.Equal(["Allowance reset", "Pro plan allowance", "—", "+$25.00", "$0.00"], cells[1][1..]);
        Assert.Equal(["Purchase", "Credit purchase", "+$250.00", "—", "$250.00"], cells[2][1..]);
        // The negative running balance is red; positive ones are not.
        Assert.Contains("mud-error-text", rows[0].QuerySelector("td:last-child .bp-money")!.ClassList);
        Assert.DoesNotContain("mud-error-text", rows[2].QuerySelector("td:last-child .bp-money")!.ClassList);
    }

    private static string StripSign(string text) => text.TrimStart('-', '+');
}
