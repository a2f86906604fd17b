using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// The Content-Security-Policy in real Chromium: it is enforced (an injected inline script does not run), and no page
/// breaks it: Blazor's circuit (over its WebSocket), MudBlazor, the vendored ApexCharts and the account pages all
/// live within it. Every violation is caught twice: the securitypolicyviolation event and Chromium's console error.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser)
{
    private const string CollectViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
            window.__cspViolations.push(`${e.effectiveDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`));
        """;

    [Fact]
    public async Task InjectedInlineScript_DoesNotRun_AndIsReported()
    {
        var console = new List<string>();
        await using var tab = await OpenAsync(null, console);
        await tab.Page.GotoAsync("Account/Login");

        await tab.Page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true'; document.head.appendChild(s); }");

        await tab.Page.WaitForFunctionAsync("() => window.__cspViolations.length > 0");
        Assert.False(await tab.Page.EvaluateAsync<bool>("() => window.__ran === true"));
        Assert.Contains(await ViolationsAsync(tab.Page), v => v.StartsWith("script-src", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Owner_UsesEveryBillingPage_ChartsAndButtonsWork_WithNoPolicyViolation()
    {
        var invoices = await InvoiceTesters.EnsureAsync(browser);
        var violations = new List<string>();
        var sockets = new List<string>();
        var console = new List<string>();

        await using (var tab = await OpenAsync("owner@acme.test", console))
        {
            var page = tab.Page;
            page.WebSocket += (_, socket) => sockets.Add(socket.Url);
            foreach (var path in (string[])["", "billing", "billing/payment", "billing/plans", "billing/rates", "workspace/members", "workspace/api-keys", "notifications"])
                violations.AddRange(await VisitAsync(page, path, console));

            // Charts drawn by the vendored ApexCharts (loaded on demand by a module), and a button that works.
            await GotoInteractiveAsync(page, "billing/usage");
            await Expect(page.Locator(".apexcharts-canvas svg").First).ToBeVisibleAsync();
            var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Show table" }).First;
            await toggle.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show chart" }).First).ToHaveAttributeAsync("aria-pressed", "true");
            violations.AddRange(await CollectAsync(page, "billing/usage", console));

            // A dialog opened by a button (the circuit answers the click).
            await GotoInteractiveAsync(page, "billing/credits");
            await Expect(page.Locator("[data-testid=credits-page][data-interactive=true]")).ToHaveCountAsync(1);
            await page.GetByTestId("purchase-credits").ClickAsync();
            await Expect(page.GetByTestId("purchase-dialog")).ToBeVisibleAsync();
            violations.AddRange(await CollectAsync(page, "billing/credits", console));

            foreach (var path in (string[])["Account/Manage", "Account/Manage/Email", "Account/Manage/ChangePassword",
                         "Account/Manage/TwoFactorAuthentication", "Account/Manage/Passkeys", "Account/Manage/PersonalData"])
                violations.AddRange(await VisitAsync(page, path, console, interactive: false));
        }

        await using (var tab = await OpenAsync(InvoiceTesters.OwnerEmail, console))
        {
            violations.AddRange(await VisitAsync(tab.Page, "billing/invoices", console));
            violations.AddRange(await VisitAsync(tab.Page, $"billing/invoices/{invoices.PastDue.Id}", console));
        }

        await using (var tab = await OpenAsync(null, console))
        {
            foreach (var path in (string[])["Account/Login", "Account/Register", "Account/ForgotPassword"])
                violations.AddRange(await VisitAsync(tab.Page, path, console, interactive: false));
        }

        await using (var tab = await OpenAsync("member@acme.test", console))
            violations.AddRange(await VisitAsync(tab.Page, "billing", console, status: 403));

        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
        // The circuit ran over its WebSocket: connect-src 'self' covers ws: to this origin (CSP 3), no fallback needed.
        Assert.Contains(sockets, url => url.StartsWith("ws://", StringComparison.Ordinal) && url.Contains("/_blazor", StringComparison.Ordinal));
    }

    private async Task<BrowserTab> OpenAsync(string? email, List<string> console)
    {
        // Dark: the dark palette appearing is the sign that a page's circuit is up.
        var tab = await browser.OpenAsync(email, ColorScheme.Dark);
        await tab.Context.AddInitScriptAsync(CollectViolations);
        tab.Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                console.Add(message.Text);
        };
        return tab;
    }

    private static async Task<IEnumerable<string>> VisitAsync(IPage page, string path, List<string> console, bool interactive = true, int status = 200)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response?.Status == status, $"/{path}: {response?.Status}");
        if (interactive)
            await BrowserFixture.WaitForColorSchemeAsync(page, ColorScheme.Dark);
        return await CollectAsync(page, path, console);
    }

    private static async Task GotoInteractiveAsync(IPage page, string path)
    {
        Assert.Equal(200, (await page.GotoAsync(path))?.Status);
        await BrowserFixture.WaitForColorSchemeAsync(page, ColorScheme.Dark);
    }

    private static async Task<IEnumerable<string>> CollectAsync(IPage page, string path, List<string> console)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var found = (await ViolationsAsync(page)).Concat(console).Select(v => $"/{path}: {v}").ToList();
        console.Clear();
        return found;
    }

    private static async Task<string[]> ViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");
}
