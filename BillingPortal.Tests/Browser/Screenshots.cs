using Microsoft.Playwright;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// The looks every page is pictured in (light and dark, at desktop and phone width), and the one way a picture is
/// saved: after the network settles, under TestResults/screenshots, with a check that the page does not scroll sideways.
/// </summary>
internal static class Screenshots
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public static IReadOnlyList<(ColorScheme Scheme, int Width)> Looks { get; } =
        [(ColorScheme.Light, 1280), (ColorScheme.Light, 390), (ColorScheme.Dark, 1280), (ColorScheme.Dark, 390)];

    /// <summary>"credits" in dark at 390 px is "credits-dark-390".</summary>
    public static string Name(string name, ColorScheme scheme, int width) => $"{name}-{scheme.ToString().ToLowerInvariant()}-{width}";

    /// <param name="fullPage">False for what sits at the top (a banner, an open menu): the viewport is the picture.</param>
    /// <param name="stillAnimations">Finishes running animations first (an opening menu).</param>
    public static async Task SaveAsync(IPage page, string name, int width, bool fullPage = true, bool stillAnimations = false)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new()
        {
            Path = file,
            FullPage = fullPage,
            Animations = stillAnimations ? ScreenshotAnimations.Disabled : ScreenshotAnimations.Allow,
        });
        TestContext.Current.TestOutputHelper?.WriteLine($"Screenshot: {file}");
        Assert.True(new FileInfo(file).Length > 0, $"{file} is empty.");
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{name} scrolls sideways ({scrollWidth}px wide at {width}px).");
    }
}
