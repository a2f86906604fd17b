using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Payments;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PlansPageTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owner_UpgradesAFreeWorkspaceToPro_PayingTheProratedChargeTheDialogShowed()
    {
        var team = await PlanTesters.EnsureAsync(browser);
        await using var tab = await browser.OpenAsync(PlanTesters.OwnerEmail, ColorScheme.Light, 390);
        var page = tab.Page;
        await OpenAsync(page, ColorScheme.Light);
        await Expect(page.Locator("[data-plan=free] [data-testid=current-plan]")).ToBeVisibleAsync();

        await page.Locator("[data-plan=pro] [data-testid=upgrade]").ClickAsync();
        var charge = page.GetByTestId("upgrade-charge");
        await Expect(charge).ToContainTextAsync("$");
        await Expect(page.GetByTestId("upgrade-allowance")).ToContainTextAsync("$");
        var shown = (await charge.InnerTextAsync()).Trim();
        // The viewport only: a full-page picture would paint the fixed app bar mid-page behind the dialog.
        Directory.CreateDirectory(ScreenshotTests.Folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotTests.Folder, "plans-upgrade-dialog-light-390.png") });
        await page.GetByTestId("confirm-upgrade").ClickAsync();

        await Expect(page.Locator("[data-plan=pro] [data-testid=current-plan]")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("plans-notice")).ToContainTextAsync("Upgraded to Pro");
        await Expect(page.Locator("[data-testid=upgrade]")).ToHaveCountAsync(0); // Enterprise is Contact sales
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        Assert.Equal("pro", (await db.Subscriptions.SingleAsync(s => s.WorkspaceId == team, Ct)).PlanCode);
        var invoice = await db.Invoices.SingleAsync(i => i.WorkspaceId == team, Ct);
        Assert.Equal(InvoiceKind.Proration, invoice.Kind);
        // The dialog's figure is what was invoiced (the upgrade ran within the same minute of a 30-day period).
        var invoiced = new Money(invoice.TotalMicros).Format(System.Globalization.CultureInfo.GetCultureInfo("en-US"));
        Assert.True(Math.Abs(ParseDollars(shown) - ParseDollars(invoiced)) <= 0.02m, $"Dialog showed {shown}, invoiced {invoiced}.");
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Owner_SchedulesADowngradeOfTheDemo_ThenKeepsPro(ColorScheme scheme)
    {
        await using var tab = await browser.OpenAsync("owner@acme.test", scheme, 1280);
        var page = tab.Page;
        try
        {
            await OpenAsync(page, scheme);
            await Expect(page.GetByTestId("plan-state")).ToContainTextAsync("Pro trial,");
            await Expect(page.GetByTestId("plan-state")).ToContainTextAsync("days left");

            // The demo's trial has a card and ends before its period: the downgrade waits for the trial's end, and says so.
            await Expect(page.Locator("[data-plan=free] [data-testid=downgrade]")).ToHaveTextAsync("Downgrade at trial end");
            await page.Locator("[data-plan=free] [data-testid=downgrade]").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Downgrade at trial end", Exact = true }).ClickAsync();

            await Expect(page.GetByTestId("pending-downgrade")).ToContainTextAsync("Switches to Free on");
            await Expect(page.Locator("[data-plan=pro] [data-testid=current-plan]")).ToBeVisibleAsync();
            await Screenshots.SaveAsync(page, $"plans-pending-{scheme.ToString().ToLowerInvariant()}-1280", 1280);
            Assert.Equal("free", (await DemoSubscriptionAsync()).PendingPlanCode);

            await page.GetByTestId("keep-plan").ClickAsync();

            await Expect(page.GetByTestId("pending-downgrade")).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("plans-notice")).ToContainTextAsync("The workspace stays on Pro.");
            Assert.Null((await DemoSubscriptionAsync()).PendingPlanCode);
        }
        finally
        {
            // Other browser tests read the demo as seeded.
            await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
            await db.Subscriptions.Where(s => s.PendingPlanCode != null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.PendingPlanCode, (string?)null).SetProperty(x => x.PendingPlanRequestedAt, (DateTime?)null), Ct);
        }
    }

    [Fact]
    public async Task Finance_ComparesThePlans_ButHasNoButtonsThatAct()
    {
        await using var tab = await browser.OpenAsync("finance@acme.test");
        var page = tab.Page;
        await OpenAsync(page, ColorScheme.Light);

        await Expect(page.GetByTestId("plan-card")).ToHaveCountAsync(3);
        await Expect(page.Locator("[data-plan=pro] [data-testid=current-plan]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-plan=enterprise]")).ToContainTextAsync("Dedicated engineer");
        await Expect(page.Locator("[data-testid=plan-card] button")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Owner_AsksSalesAboutEnterprise_FixingWhatTheFormSaysIsWrong()
    {
        await using var tab = await browser.OpenAsync("owner@acme.test");
        var page = tab.Page;
        await OpenAsync(page, ColorScheme.Light);

        await page.GetByTestId("contact-sales").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.Locator("input[data-testid=sales-name]").FillAsync("Olive Owner");
        await dialog.Locator("input[data-testid=sales-email]").FillAsync("olive@acme.test");
        await dialog.Locator("input[data-testid=sales-company]").FillAsync("Acme AI");
        await dialog.Locator("input[data-testid=sales-seats]").FillAsync("0");
        await page.GetByTestId("send-inquiry").ClickAsync();

        await Expect(dialog).ToContainTextAsync("Seats must be between 1 and 100,000.");
        CreditsPageTests.AssertNoBlocking(await page.RunAxe(), "contact sales dialog");
        await dialog.Locator("input[data-testid=sales-seats]").FillAsync("40");
        await page.GetByTestId("send-inquiry").ClickAsync();

        await Expect(page.GetByTestId("plans-notice")).ToContainTextAsync("We'll be in touch");
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        Assert.Contains(await db.SalesInquiries.ToListAsync(Ct), i => i.Email == "olive@acme.test" && i.Seats == 40 && i.Company == "Acme AI");
    }

    [Fact]
    public async Task Owner_LooksAtThePlansPage_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync("owner@acme.test", scheme, width);
            await OpenAsync(tab.Page, scheme);
            await Expect(tab.Page.GetByTestId("plan-card")).ToHaveCountAsync(3);
            await Screenshots.SaveAsync(tab.Page, $"plans-{scheme.ToString().ToLowerInvariant()}-{width}", width);
        }
    }

    [Fact]
    public async Task Owner_UsingAssistiveTechnology_MeetsNoSeriousBarrier_OnThePlansPage()
    {
        await using var tab = await browser.OpenAsync("owner@acme.test");
        await OpenAsync(tab.Page, ColorScheme.Light);
        await Expect(tab.Page.GetByTestId("plan-card")).ToHaveCountAsync(3);

        CreditsPageTests.AssertNoBlocking(await tab.Page.RunAxe(), "plans page");
    }

    private async Task<Subscription> DemoSubscriptionAsync()
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        var acme = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        return await db.Subscriptions.AsNoTracking().SingleAsync(s => s.WorkspaceId == acme, Ct);
    }

    private static decimal ParseDollars(string text) =>
        decimal.Parse(text.Replace("$", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Opens the Plans page and waits until its buttons are live (the what-if tests open it the same way).</summary>
    internal static async Task OpenAsync(IPage page, ColorScheme scheme)
    {
        var response = await page.GotoAsync("billing/plans");
        Assert.Equal(200, response?.Status);
        await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
        await Expect(page.Locator("[data-testid=plans-page][data-interactive=true]")).ToHaveCountAsync(1);
    }
}

/// <summary>A Free team workspace of its own with a default card, for the upgrade, so the demo stays as seeded.</summary>
internal static class PlanTesters
{
    public const string OwnerEmail = "plans-owner@plans.test";

    public static Task<Guid> EnsureAsync(BrowserFixture browser) =>
        TestWorkspaces.OnceAsync(browser, OwnerEmail, "Plan Testers", PlanCatalog.Free, (services, id) =>
            services.GetRequiredService<PaymentMethodStore>().AttachAsync(new CardAttach(id, PaymentProvider.Local, "tok_plans_visa", "visa", "4242", 4, 2031)));
}
