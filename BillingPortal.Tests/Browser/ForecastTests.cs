using BillingPortal.Domain;
using BillingPortal.Domain.Forecasts;
using BillingPortal.Domain.Text;
using BillingPortal.Features.Forecasts;
using BillingPortal.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// The spend forecast on Overview and Credits for the demo workspace, and its suggestion taken into the auto top-up
/// dialog. The expected words come from the app's own <see cref="ForecastService"/> at the app's (fake) clock, so the
/// test never depends on today's date; the pictures are of both pages in light and dark, at desktop and phone width.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ForecastTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("billing")]
    [InlineData("billing/credits")]
    public async Task Reader_SeesTheForecast_InWords_WithoutTheButton(string path)
    {
        var forecast = await ForecastAsync("finance@acme.test");
        await using var tab = await browser.OpenAsync("finance@acme.test");
        await tab.Page.GotoAsync(path);
        await BrowserFixture.WaitForColorSchemeAsync(tab.Page, ColorScheme.Light);

        var card = tab.Page.GetByTestId("forecast");
        await Expect(card.GetByTestId("forecast-pace")).ToHaveTextAsync(ForecastText.Pace(forecast.Spend, System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        Assert.True(forecast.Spend.EnoughHistory, "The demo has 90 days of usage.");
        await Expect(card.GetByTestId("forecast-invoice-total")).ToHaveTextAsync(new Money(forecast.ProjectedInvoice.TotalMicros).Format(System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        await Expect(card.GetByTestId("forecast-period-usage")).ToHaveTextAsync(new Money(forecast.ProjectedUsageMicros).Format(System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        await Expect(card.GetByTestId("forecast-invoice")).ToContainTextAsync("Projected invoice on " + DateText.Day(forecast.ProjectedInvoice.IssuesOn));
        var suggestion = Assert.IsType<AutoTopUpSuggestion>(forecast.Spend.SuggestedTopUp);
        await Expect(card.GetByTestId("forecast-suggestion")).ToContainTextAsync(ForecastText.Suggestion(suggestion, System.Globalization.CultureInfo.GetCultureInfo("en-US")));
        await Expect(card.GetByTestId("forecast-use-suggestion")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("billing")]
    [InlineData("billing/credits")]
    public async Task Owner_UsesTheSuggestion_AndTheAutoTopUpDialogOpensWithItsNumbers(string path)
    {
        var forecast = await ForecastAsync("owner@acme.test");
        var suggestion = Assert.IsType<AutoTopUpSuggestion>(forecast.Spend.SuggestedTopUp);
        await using var tab = await browser.OpenAsync("owner@acme.test");
        await tab.Page.GotoAsync(path);
        await BrowserFixture.WaitForColorSchemeAsync(tab.Page, ColorScheme.Light);

        var card = tab.Page.Locator("[data-testid=forecast][data-interactive=true]");
        await card.GetByTestId("forecast-use-suggestion").ClickAsync();

        var dialog = tab.Page.GetByRole(AriaRole.Dialog);
        await Expect(dialog.GetByLabel("When the balance falls to")).ToHaveValueAsync(Dollars(suggestion.ThresholdMicros));
        await Expect(dialog.GetByLabel("Add this amount")).ToHaveValueAsync(Dollars(suggestion.AmountMicros));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Owner_LooksAtTheForecast_OnOverviewAndCredits_InLightAndDark_AtPhoneAndDesktopWidth()
    {
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync("owner@acme.test", scheme, width);
            foreach (var (path, name) in new[] { ("billing", "forecast-overview"), ("billing/credits", "forecast-credits") })
            {
                await tab.Page.GotoAsync(path);
                await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
                await Expect(tab.Page.Locator("[data-testid=forecast][data-interactive=true]")).ToBeVisibleAsync();
                await Screenshots.SaveAsync(tab.Page, Screenshots.Name(name, scheme, width), width);
                // The card alone, to read it at phone width.
                await tab.Page.GetByTestId("forecast").ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, Screenshots.Name(name + "-card", scheme, width) + ".png") });
            }
        }
    }

    // The dialog shows whole dollars without decimals ("21"), as it writes amounts.
    private static string Dollars(long micros) => (micros / (decimal)Money.MicrosPerDollar).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<Forecast> ForecastAsync(string email)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync(Ct);
        var current = await browser.App.Services.GetRequiredService<WorkspaceDirectory>().ResolveCurrentAsync(userId, Ct);
        var forecast = await browser.App.Services.GetRequiredService<ForecastService>().GetAsync(current!.WorkspaceId, Ct);
        return Assert.IsType<Forecast>(forecast);
    }
}
