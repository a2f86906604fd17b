using Microsoft.Playwright;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// Pictures of the main pages in light and dark, at desktop and phone width, for a person to look at
/// (saved under the test output folder's TestResults/screenshots). Each also checks what a picture would show.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture browser)
{
    private static readonly int[] Widths = [1280, 390];

    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    [Theory]
    [InlineData("login", null, "Account/Login", false)]
    [InlineData("home", "owner@acme.test", "", true)]
    [InlineData("billing-overview", "owner@acme.test", "billing", true)]
    public async Task Person_LooksAtPage_InLightAndDark_AtDesktopAndPhoneWidth(string name, string? email, string path, bool followsColorScheme)
    {
        Directory.CreateDirectory(Folder);
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        foreach (var width in Widths)
        {
            await using var tab = await browser.OpenAsync(email, scheme, width);
            var response = await tab.Page.GotoAsync(path);
            Assert.Equal(200, response?.Status);

            if (followsColorScheme)
                await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
            await tab.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

            var file = Path.Combine(Folder, $"{name}-{scheme.ToString().ToLowerInvariant()}-{width}.png");
            await tab.Page.ScreenshotAsync(new() { Path = file, FullPage = true });
            TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {file}");

            Assert.True(new FileInfo(file).Length > 0, $"{file} is empty.");
            var scrollWidth = await tab.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{name} scrolls sideways at {width}px ({scrollWidth}px wide, {scheme}).");
        }
    }
}
