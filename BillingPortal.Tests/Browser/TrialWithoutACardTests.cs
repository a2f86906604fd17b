using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// A Pro trial with no card on file: nothing is charged unless a card comes, so the Overview's next invoice and the
/// upcoming invoice say that the first invoice waits for one, on the day the trial ends.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TrialWithoutACardTests(BrowserFixture browser)
{
    private const string OwnerEmail = "nocard-owner@trials.test";

    [Fact]
    public async Task Owner_WithoutACard_IsToldTheFirstInvoiceWaitsForOne_OnTheOverviewAndTheUpcomingInvoice()
    {
        var trialEnd = await EnsureAsync();
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync(OwnerEmail, scheme, width);
            var page = tab.Page;
            await page.GotoAsync("billing");
            await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
            await Expect(page.GetByTestId("next-invoice-date")).ToHaveTextAsync($"Issued {DateText.Day(trialEnd)} if a card is on file by then");
            await Expect(page.GetByTestId("trial-needs-card")).ToBeVisibleAsync();

            await page.GotoAsync("billing/invoices/upcoming");
            await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
            await Expect(page.GetByTestId("upcoming-invoice-awaits-card")).ToContainTextAsync($"issued on {DateText.Day(trialEnd)} only if one is added by then");
            await Screenshots.SaveAsync(page, Screenshots.Name("upcoming-invoice-no-card", scheme, width), width);
        }
    }

    /// <summary>A Pro workspace of its own in a trial that ends in five days, with no card; returns the trial's end.</summary>
    private async Task<DateTime> EnsureAsync()
    {
        var id = await TestWorkspaces.OnceAsync(browser, OwnerEmail, "No Card Yet", PlanCatalog.Pro, async (services, id) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<BillingDbContext>>().CreateDbContextAsync();
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            await db.Subscriptions.Where(s => s.WorkspaceId == id).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, SubscriptionStatus.Trial).SetProperty(x => x.TrialEndsAt, now.AddDays(5)));
        });
        await using var read = await browser.App.DbFactory.CreateDbContextAsync();
        return await read.Subscriptions.Where(s => s.WorkspaceId == id).Select(s => s.TrialEndsAt!.Value).SingleAsync();
    }
}
