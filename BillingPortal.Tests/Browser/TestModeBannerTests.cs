using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// A Production deployment that opted in to the local checkout says "Test mode: no real money" on every page, in both
/// layouts, in light and dark, at phone and desktop width, without pushing the page sideways.
/// </summary>
[Collection(BrowserCollection.Name)] // one browser test at a time on this machine
public sealed class TestModeBannerTests
{
    private const string Email = "owner@northwind.test";
    private const string Password = "Prod-owner-2345";

    [Fact]
    public async Task AnOptedInProductionServer_ShowsTheTestModeBanner_OnAccountAndAppPages()
    {
        if (BrowserFixture.ChromiumPath is null)
            Assert.Skip("Chromium not found: apt-get install -y chromium");
        await using var app = new DeploymentAppFactory(new Dictionary<string, string?> { [PaymentsAvailability.AllowLocalCheckoutKey] = "true" })
        {
            ServeStaticWebAssets = true,
        };
        app.UseKestrel(0);
        app.StartServer();
        await app.AddOwnerAsync(Email, Password);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = BrowserFixture.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });

        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var context = await browser.NewContextAsync(new()
            {
                BaseURL = app.ClientOptions.BaseAddress.ToString(), ColorScheme = scheme, Locale = "en-US", ViewportSize = new() { Width = width, Height = 900 },
            });
            context.SetDefaultTimeout(45_000);
            var page = await context.NewPageAsync();

            await page.GotoAsync("Account/Login");
            await Assertions.Expect(page.GetByTestId("test-mode-banner")).ToContainTextAsync("Test mode: no real money");
            await Screenshots.SaveAsync(page, Screenshots.Name("test-mode-login", scheme, width), width, fullPage: false);

            await BrowserFixture.LogInAsync(page, Email, Password);
            await page.GotoAsync("billing/credits");
            await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
            await Assertions.Expect(page.GetByTestId("test-mode-banner")).ToContainTextAsync("Test mode: no real money");
            await Screenshots.SaveAsync(page, Screenshots.Name("test-mode-credits", scheme, width), width, fullPage: false);
        }
    }
}
