using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BillingPortal.Components.Layout;
using BillingPortal.Features.Demo;
using BillingPortal.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BillingPortal.Tests.Browser;

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>One app and one Chromium for every browser test; the tests in it run one at a time.</summary>
    public const string Name = "Browser";
}

/// <summary>
/// The real app on a real Kestrel port (seeded demo data, its own SQLite file) and Debian's Chromium
/// driven by Playwright. Each demo user logs in once; later pages reuse that saved storage state.
/// Never downloads a browser: without Chromium every browser test is reported as skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private static readonly string[] LaunchArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly ConcurrentDictionary<string, Task<string>> savedLogins = new();
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>CHROMIUM_PATH when set, else Debian's /usr/bin/chromium; null when that file does not exist.</summary>
    public static string? ChromiumPath { get; } =
        (Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium")
            is var path && File.Exists(path) ? path : null;

    public BrowserAppFactory App { get; } = new();

    public Uri BaseAddress => App.ClientOptions.BaseAddress;

    public async ValueTask InitializeAsync()
    {
        if (ChromiumPath is null)
            return;
        App.UseKestrel(0);
        App.StartServer();
        // Blazor Server pages can take a while on a busy two-core machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Args = LaunchArgs, Headless = true });
    }

    /// <summary>A new browser tab (its own context), signed in as <paramref name="email"/> when given.</summary>
    public async Task<BrowserTab> OpenAsync(string? email = null, ColorScheme scheme = ColorScheme.Light, int width = 1280)
    {
        if (browser is null)
            Assert.Skip("Chromium not found: apt-get install -y chromium");
        var options = new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ColorScheme = scheme,
            Locale = "en-US",
            ViewportSize = new() { Width = width, Height = 900 },
            StorageState = email is null ? null : await savedLogins.GetOrAdd(email, SaveLoginAsync),
        };
        var context = await browser.NewContextAsync(options);
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(60_000);
        return new BrowserTab(context, await context.NewPageAsync());
    }

    /// <summary>Logs in through the real login form, as a person types it, and waits to leave the login page.</summary>
    public static async Task LogInAsync(IPage page, string email, string password = DemoSeeder.Password)
    {
        await page.GotoAsync("Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        // Only leaving the login page matters here; each test waits for what it then looks at.
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase),
            new() { WaitUntil = WaitUntilState.Commit });
    }

    /// <summary>
    /// Waits until the layout shows the palette of <paramref name="scheme"/> and its circuit is up (the layout marks
    /// <c>html[data-circuit=up]</c>): the server draws a returning visitor's theme itself, so the palette alone no
    /// longer says the page answers clicks. Only for interactive pages (the account pages have no circuit).
    /// </summary>
    public static Task WaitForColorSchemeAsync(IPage page, ColorScheme scheme)
    {
        var palette = scheme == ColorScheme.Dark ? BillingTheme.Theme.PaletteDark.Background : BillingTheme.Theme.PaletteLight.Background;
        return page.WaitForFunctionAsync("bg => getComputedStyle(document.body).backgroundColor === bg && document.documentElement.dataset.circuit === 'up'",
            $"rgb({palette.R}, {palette.G}, {palette.B})");
    }

    private async Task<string> SaveLoginAsync(string email)
    {
        await using var tab = await OpenAsync();
        await LogInAsync(tab.Page, email);
        return WithoutTheme(await tab.Context.StorageStateAsync());
    }

    /// <summary>
    /// The saved login without the theme the login tab's circuit may (or, racing the save, may not) have stored: each
    /// test's tab then follows its own color scheme, as a first visit does, instead of the login tab's light.
    /// </summary>
    internal static string WithoutTheme(string storageState)
    {
        var state = JsonNode.Parse(storageState)!.AsObject();
        RemoveNamed(state["cookies"]?.AsArray());
        foreach (var origin in state["origins"]?.AsArray() ?? [])
            RemoveNamed(origin?["localStorage"]?.AsArray());
        return state.ToJsonString();

        static void RemoveNamed(JsonArray? items)
        {
            foreach (var item in items?.Where(i => (string?)i?["name"] == ThemeCookie.Name).ToList() ?? [])
                items!.Remove(item);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
            await browser.DisposeAsync();
        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

/// <summary>A page in its own browser context; disposing closes both.</summary>
public sealed class BrowserTab(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IBrowserContext Context { get; } = context;
    public IPage Page { get; } = page;

    public ValueTask DisposeAsync() => new(Context.CloseAsync());
}
