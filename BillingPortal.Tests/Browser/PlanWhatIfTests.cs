using System.Globalization;
using BillingPortal.Domain;
using BillingPortal.Domain.Plans;
using BillingPortal.Domain.Subscriptions;
using BillingPortal.Domain.Text;
using BillingPortal.Features.Demo;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// The Plans page's "What last period would have cost": the demo workspace's last complete period priced on each
/// plan, and a new workspace's plain "not yet". Expected figures are read from the demo's ledger here, by the period's
/// own bounds, not from the query the page uses.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanWhatIfTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly CultureInfo EnUs = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public async Task Finance_SeesTheDemosLastPeriodPricedOnEachPlan_WithTheCheapestMarked()
    {
        var (period, plan, usage, runs) = await DemoLastPeriodAsync();
        await using var tab = await browser.OpenAsync("finance@acme.test");
        var page = tab.Page;
        await PlansPageTests.OpenAsync(page, ColorScheme.Light);

        var section = page.GetByTestId("plan-whatif");
        await Expect(section.GetByRole(AriaRole.Heading, new() { Name = "What last period would have cost" })).ToBeVisibleAsync();
        await Expect(section.GetByTestId("whatif-period")).ToHaveTextAsync(DateText.Period(period.Start, period.End));
        await Expect(section.GetByTestId("whatif-usage-amount")).ToHaveTextAsync(usage.Format(EnUs));
        Assert.True(usage > Money.Zero, "The demo's history has usage every day.");
        var expected = PlanWhatIf.Compare(PlanCatalog.All, plan, usage, runs);
        await Expect(section.GetByTestId("whatif-total")).ToHaveTextAsync(expected.Select(l => l.Price.Total.Format(EnUs)).ToArray());
        var cheapest = expected.Single(l => l.IsCheapest).Plan.Code;
        await Expect(section.Locator($"[data-whatif-plan={cheapest}] [data-testid=whatif-cheapest]")).ToBeVisibleAsync();
        await Expect(section.GetByTestId("whatif-cheapest")).ToHaveCountAsync(1);
        // The comparison is a real table: a screen reader announces the column of each figure.
        await Expect(section.GetByRole(AriaRole.Columnheader, new() { Name = "Total", Exact = true })).ToBeVisibleAsync();
        CreditsPageTests.AssertNoBlocking(await page.RunAxe(), "plans page with the what-if");
    }

    [Fact]
    public async Task Owner_OfANewWorkspace_IsToldThereIsNoCompletePeriodYet_AndWhenThereWillBe()
    {
        const string owner = "whatif-owner@plans.test";
        var ws = await TestWorkspaces.OnceAsync(browser, owner, "What-if Testers", PlanCatalog.Free);
        await using var tab = await browser.OpenAsync(owner);
        var page = tab.Page;
        await PlansPageTests.OpenAsync(page, ColorScheme.Light);

        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        var end = (await db.Subscriptions.AsNoTracking().SingleAsync(s => s.WorkspaceId == ws, Ct)).CurrentPeriodEnd;
        await Expect(page.GetByTestId("whatif-none")).ToHaveTextAsync(
            $"No complete billing period yet: the comparison appears after the first one ends on {DateText.Day(end)}.");
        await Expect(page.GetByTestId("whatif-table")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Owner_LooksAtTheWhatIf_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync("owner@acme.test", scheme, width);
            await PlansPageTests.OpenAsync(tab.Page, scheme);
            await Expect(tab.Page.GetByTestId("whatif-total")).ToHaveCountAsync(3);
            await Screenshots.SaveAsync(tab.Page, Screenshots.Name("plans-whatif", scheme, width), width);
        }
    }

    /// <summary>The demo's last complete period by the billing cycle, its usage summed from the ledger's usage entries, and its runs.</summary>
    private async Task<(CompletedPeriod Period, Plan Plan, Money Usage, long Runs)> DemoLastPeriodAsync()
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        var acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => new { w.Id, w.CreatedAt }).SingleAsync(Ct);
        var s = await db.Subscriptions.AsNoTracking().SingleAsync(x => x.WorkspaceId == acme.Id, Ct);
        var now = browser.App.Clock.GetUtcNow().UtcDateTime;
        var period = CompletedPeriods.Last(s.BillingAnchor, s.CurrentPeriodStart, s.CurrentPeriodEnd, acme.CreatedAt, now)
            ?? throw new InvalidOperationException("The demo's 90 days of history hold a complete period.");
        var entries = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.WorkspaceId == acme.Id && e.Type == LedgerEntryType.Usage && e.CreatedAt >= period.Start && e.CreatedAt < period.End)
            .Select(e => e.AllowanceDeltaMicros + e.CreditDeltaMicros).ToListAsync(Ct);
        var runs = await db.UsageRuns.LongCountAsync(r => r.WorkspaceId == acme.Id && r.FirstAt >= period.Start && r.FirstAt < period.End, Ct);
        return (period, s.Plan, new Money(-entries.Sum()), runs);
    }
}
