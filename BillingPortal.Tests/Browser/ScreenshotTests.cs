using Microsoft.Playwright;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// Pictures of the main pages in light and dark, at desktop and phone width, for a person to look at
/// (saved under the test output folder's TestResults/screenshots). Each also checks what a picture would show.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture browser)
{
    public static string Folder => Screenshots.Folder;

    [Theory]
    [InlineData("login", null, "Account/Login", false)]
    [InlineData("home", "owner@acme.test", "", true)]
    [InlineData("billing-overview", "owner@acme.test", "billing", true)]
    public async Task Person_LooksAtPage_InLightAndDark_AtDesktopAndPhoneWidth(string name, string? email, string path, bool followsColorScheme)
    {
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync(email, scheme, width);
            var response = await tab.Page.GotoAsync(path);
            Assert.Equal(200, response?.Status);

            if (followsColorScheme)
                await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
            await Screenshots.SaveAsync(tab.Page, Screenshots.Name(name, scheme, width), width);
        }
    }
}
