using System.Net;
using System.Net.Http.Json;
using BillingPortal.Tests.Infrastructure;
using static BillingPortal.Tests.Api.MeteringTesting;

namespace BillingPortal.Tests.Api;

/// <summary>What API callers name things comes out of every CSV export as text, never as a live spreadsheet formula.</summary>
public sealed class ExportFormulaTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private const string Evil = "=HYPERLINK(\"http://evil.example\")";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BillingAppFactory F => app.Factory;

    [Fact]
    public async Task UsageAndLedgerCsv_WithFormulaLikeNames_WriteThemAsText_AndMoneyAsNumbers()
    {
        var ws = await NewWorkspaceAsync(F);
        var posted = await ws.PostUsageAsync(Tool(F, $"formula-{Guid.NewGuid():N}", run: "@SUM(1+1)", agent: Evil, calls: 3));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var client = await F.LoginAsync("owner@acme.test");

        var usage = await client.GetStringAsync($"/api/workspaces/{ws.WorkspaceId}/billing/usage/export?format=csv", Ct);
        var ledger = await client.GetStringAsync($"/api/workspaces/{ws.WorkspaceId}/billing/ledger/export?format=csv", Ct);

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", usage);
        Assert.DoesNotContain("\"=HYPERLINK", usage);
        Assert.Contains(",'@SUM(1+1),", ledger);
        Assert.DoesNotContain(",@SUM", ledger);
        // 3 web searches at $0.01 with the 5% fee: 31,500 micro-USD, as an integer and as a number of dollars.
        Assert.Contains(",31500,0.0315", usage);
        Assert.Contains(",-31500,-0.0315,", ledger); // from the plan's allowance, a negative number, not "($0.0315)"
        Assert.DoesNotContain("$", usage);
    }
}
