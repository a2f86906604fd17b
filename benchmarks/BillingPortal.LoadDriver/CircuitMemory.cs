using System.Diagnostics;
using Microsoft.Playwright;

namespace BillingPortal.LoadDriver;

/// <summary>
/// Memory per live Blazor circuit: <c>--circuits N --page /billing/usage</c> starts the app (Release, Development, fresh
/// SQLite file with the demo), signs in through the login form in Chromium, opens N tabs on the page (one circuit each,
/// waited until interactive) and reads the app's resident memory from outside before and after, each time once the
/// process has settled and, when <c>dotnet-gcdump</c> is installed, after the full GC it triggers (it also reports
/// the live managed heap).
/// </summary>
internal static class CircuitMemory
{
    /// <summary>What appears on each page only once its circuit is up and has rendered interactively.</summary>
    private static readonly Dictionary<string, string> ReadySelectors = new(StringComparer.OrdinalIgnoreCase)
    {
        ["/billing/usage"] = "[data-testid=chart-by-day] .apexcharts-canvas",
        ["/billing/credits"] = "[data-testid=credits-page][data-interactive=true]",
    };

    private static readonly string[] LaunchArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-renderer-backgrounding", "--disable-background-timer-throttling", "--disable-backgrounding-occluded-windows"];

    public static async Task<int> RunAsync(string repoRoot, int circuits, string path, string email, string password, int settleSeconds, string? readySelector, int port = 5188)
    {
        var ready = readySelector ?? ReadySelectors.GetValueOrDefault(path)
            ?? throw new ArgumentException($"No known interactive sign for {path}: pass --ready <selector>.");
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        Console.WriteLine($"{circuits} circuits on {path} as {email} (interactive when '{ready}' appears), settle {settleSeconds} s");
        Console.WriteLine("Starting the app (Release, Development, fresh SQLite file, demo seeded)...");
        await using var app = await AppProcess.StartAsync(repoRoot, port, environment: "Development");
        var pid = app.ServerPid;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Args = LaunchArgs, Headless = true });
        // One context: every tab shares the sign-in cookie, as a person's tabs do.
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = app.BaseUrl, Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(180_000);
        context.SetDefaultNavigationTimeout(180_000);
        await LogInAsync(context, email, password);

        // Warm-up: the first renders pay for the JIT and first-use caches; closing a tab ends its circuit.
        for (var i = 0; i < 3; i++)
        {
            var warm = await OpenAsync(context, path, ready);
            await warm.CloseAsync(new() { RunBeforeUnload = true });
        }
        var before = await SettledAsync(pid, settleSeconds, "before");

        var watch = Stopwatch.StartNew();
        var pages = new IPage?[circuits];
        var opened = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, circuits), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            try
            {
                pages[i] = await OpenAsync(context, path, ready);
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException or InvalidOperationException)
            {
                // Counted, not fatal: the figure is per circuit that became interactive, and the run fails at the end.
                Console.WriteLine($"  circuit {i} did not become interactive: {ex.Message.Split('\n')[0]}");
                return;
            }
            if (Interlocked.Increment(ref opened) % 20 == 0)
                Console.WriteLine($"  {opened} circuits open ({watch.Elapsed.TotalSeconds:N0} s)");
        });
        Console.WriteLine($"  {opened} of {circuits} circuits interactive in {watch.Elapsed.TotalSeconds:N0} s");
        var after = await SettledAsync(pid, settleSeconds, "after");

        var live = 0;
        foreach (var page in pages)
            live += page is not null && await IsLiveAsync(page) ? 1 : 0;
        var perCircuitMb = (after.Rss.RssMb - before.Rss.RssMb) / Math.Max(opened, 1);
        Console.WriteLine($"Live after measuring: {live} of {circuits} (each answered a click: the drawer closed and opened)");
        Console.WriteLine($"Resident: {before.Rss.RssMb:N0} MB -> {after.Rss.RssMb:N0} MB = {perCircuitMb:N2} MB per circuit"
            + $" ({perCircuitMb * 1000 / 1024:N2} GB for 1,000)");
        if (before.HeapMb is { } heapBefore && after.HeapMb is { } heapAfter)
            Console.WriteLine($"Managed heap (live objects after a full GC): {heapBefore:N1} MB -> {heapAfter:N1} MB = {(heapAfter - heapBefore) * 1024 / Math.Max(opened, 1):N0} KB per circuit");
        return live == circuits ? 0 : 1;
    }

    private static async Task LogInAsync(IBrowserContext context, string email, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("Account/Login");
        await page.Locator("input[name='Input.Email']").FillAsync(email);
        await page.Locator("input[name='Input.Password']").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.OrdinalIgnoreCase), new() { WaitUntil = WaitUntilState.Commit });
        await page.CloseAsync();
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string path, string ready)
    {
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path.TrimStart('/'));
        if (response is not { Status: 200 })
            throw new InvalidOperationException($"{path} answered {response?.Status}: {page.Url}");
        await page.Locator(ready).First.WaitForAsync();
        return page;
    }

    /// <summary>The circuit answers: the reconnect dialog is not up, and a click on the menu button closes and reopens the drawer.</summary>
    private static async Task<bool> IsLiveAsync(IPage page)
    {
        try
        {
            if (await page.EvaluateAsync<bool>("() => document.getElementById('components-reconnect-modal')?.open === true"))
                return false;
            var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Toggle navigation" });
            var drawer = page.Locator(".mud-drawer").First;
            await toggle.ClickAsync();
            await drawer.Locator("xpath=self::*[contains(@class,'mud-drawer--closed')]").WaitForAsync(new() { Timeout = 30_000 });
            await toggle.ClickAsync();
            await drawer.Locator("xpath=self::*[contains(@class,'mud-drawer--open')]").WaitForAsync(new() { Timeout = 30_000 });
            return true;
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Waits for the process to settle, forces a full GC if it can, then reads its memory.</summary>
    private static async Task<(ProcessMemory Rss, double? HeapMb)> SettledAsync(int pid, int settleSeconds, string label)
    {
        await Task.Delay(TimeSpan.FromSeconds(settleSeconds));
        var heap = await ManagedHeap.CollectAsync(pid);
        await Task.Delay(TimeSpan.FromSeconds(Math.Min(settleSeconds, 5)));
        var memory = ProcessMemory.Read(pid);
        Console.WriteLine($"  {label,-6}: {memory}" + (heap is { } h ? $"   managed heap {h:N1} MB" : "   (dotnet-gcdump not installed: no forced GC)"));
        return (memory, heap);
    }
}
