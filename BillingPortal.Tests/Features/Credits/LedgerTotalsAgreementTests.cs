using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using BillingPortal.Domain;
using BillingPortal.Domain.Text;
using BillingPortal.Features.Demo;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Features.Credits;

/// <summary>
/// One workspace, every place its lifetime figures are shown: the Overview page, the Credits page, the overview API
/// and the ledger export. They must all say the same, and agree with the ledger's rows summed by category.
/// </summary>
public sealed partial class LedgerTotalsAgreementTests(BillingAppFactoryFixture app) : IClassFixture<BillingAppFactoryFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task OverviewCreditsApiAndExport_ShowTheSameTotals_AsTheLedgerSummedByCategory()
    {
        await using var db = await app.Factory.DbFactory.CreateDbContextAsync(Ct);
        var acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        var client = await app.Factory.LoginAsync("finance@acme.test");

        // The rule, applied independently to every row the database holds.
        var rows = await db.LedgerEntries.Where(e => e.WorkspaceId == acme).Select(e => new { e.Type, e.CreditDeltaMicros, e.AllowanceDeltaMicros }).ToListAsync(Ct);
        var added = rows.Where(r => r.Type is LedgerEntryType.Purchase or LedgerEntryType.AutoTopUp or LedgerEntryType.Grant
            || r.Type == LedgerEntryType.Adjustment && r.CreditDeltaMicros > 0).Sum(r => r.CreditDeltaMicros);
        var reversed = -rows.Where(r => r.Type is LedgerEntryType.Refund or LedgerEntryType.Dispute).Sum(r => r.CreditDeltaMicros);
        var spent = -rows.Where(r => r.Type == LedgerEntryType.Usage).Sum(r => r.CreditDeltaMicros + r.AllowanceDeltaMicros);
        Assert.True(added > 0 && reversed > 0 && spent > 0, "the demo has purchases, a refund and usage");
        var wallet = await db.Wallets.SingleAsync(w => w.WorkspaceId == acme, Ct);

        var overviewHtml = await client.GetStringAsync("/billing", Ct);
        var creditsHtml = await client.GetStringAsync("/billing/credits", Ct);
        foreach (var (page, html) in new[] { ("Overview", overviewHtml), ("Credits", creditsHtml) })
        {
            Assert.Equal(MoneyFormat.Rounded(new Money(added), EnUs), Shown(html, "lifetime-added", page));
            Assert.Equal(MoneyFormat.Rounded(new Money(reversed), EnUs), Shown(html, "lifetime-reversed", page));
            Assert.Equal(MoneyFormat.Rounded(new Money(spent), EnUs), Shown(html, "lifetime-spent", page));
        }

        using var overview = JsonDocument.Parse(await client.GetStringAsync($"/api/workspaces/{acme}/billing/overview", Ct));
        using var export = JsonDocument.Parse(await client.GetStringAsync($"/api/workspaces/{acme}/billing/ledger/export?format=json", Ct));
        foreach (var (source, totals) in new[] { ("overview API", overview.RootElement.GetProperty("lifetime")), ("ledger export", export.RootElement.GetProperty("totals")) })
        {
            Assert.True(added == totals.GetProperty("addedMicros").GetInt64(), source);
            Assert.True(reversed == totals.GetProperty("reversedMicros").GetInt64(), source);
            Assert.True(spent == totals.GetProperty("spentMicros").GetInt64(), source);
            var balance = totals.GetProperty("addedMicros").GetInt64() - totals.GetProperty("reversedMicros").GetInt64()
                - totals.GetProperty("adjustedDownMicros").GetInt64() + totals.GetProperty("movedToInvoicesMicros").GetInt64()
                - totals.GetProperty("spentFromCreditsMicros").GetInt64();
            Assert.True(wallet.CreditBalanceMicros == balance, $"{source}: the totals reconcile with the wallet");
        }
        // The export's rows, summed by category by the reader, give its own totals.
        var exported = export.RootElement.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(rows.Count, exported.Count);
        Assert.Equal(reversed, -exported.Where(e => e.GetProperty("type").GetString() is "Refund" or "Dispute").Sum(e => e.GetProperty("creditDeltaMicros").GetInt64()));
    }

    private static string Shown(string html, string testId, string page)
    {
        var match = Regex.Match(html, $"data-testid=\"{testId}\"[^>]*>([^<]*)<");
        Assert.True(match.Success, $"{page} shows no {testId}");
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }
}
