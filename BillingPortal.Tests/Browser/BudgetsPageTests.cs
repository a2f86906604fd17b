using BillingPortal.Domain.Budgets;
using BillingPortal.Features.Budgets;
using BillingPortal.Features.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// The Budgets page for each role on the demo's Acme: the owner adds, edits and deletes a budget; finance (billing:read)
/// sees the same budgets without a button to change them; a member is refused. Rows are found by this test's own agent names.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BudgetsPageTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string AgentName() => $"budget-agent-{Guid.NewGuid():N}"[..24];

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Owner_AddsEditsAndDeletesAnAgentBudget(ColorScheme scheme)
    {
        await using var tab = await browser.OpenAsync("owner@acme.test", scheme);
        var page = tab.Page;
        await OpenAsync(page, scheme);
        var agent = AgentName();

        await page.GetByTestId("budget-add").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await PickAsync(page, "budget-scope", "One agent");
        await dialog.Locator("input[data-testid=budget-target-agent]").FillAsync(agent);
        await PickAsync(page, "budget-period", "Weekly (UTC, from Monday)");
        await dialog.Locator("input[data-testid=budget-limit-input]").FillAsync("12.50");
        await dialog.GetByText("Block new runs it covers").ClickAsync();
        await dialog.Locator("input[data-testid=budget-thresholds]").FillAsync("50, 90");
        await dialog.GetByTestId("budget-save").ClickAsync();

        var row = Row(page, agent);
        await Expect(row).ToContainTextAsync("$0.00 of $12.50");
        await Expect(row).ToContainTextAsync("Block new runs");
        await Expect(row).ToContainTextAsync("50, 90 %");
        await Expect(row).ToContainTextAsync("Weekly");
        var stored = await StoredAsync(agent);
        Assert.Equal(12_500_000, stored!.LimitMicros);
        Assert.Equal(BudgetAction.Block, stored.Action);

        await row.GetByTestId("budget-edit").ClickAsync();
        await Expect(dialog.Locator("input[data-testid=budget-limit-input]")).ToHaveValueAsync("12.5");
        await dialog.Locator("input[data-testid=budget-limit-input]").FillAsync("20");
        await dialog.GetByText("Notify only").ClickAsync();
        await dialog.GetByTestId("budget-save").ClickAsync();
        await Expect(row).ToContainTextAsync("$0.00 of $20.00");
        await Expect(row).ToContainTextAsync("Notify only");
        Assert.Equal(20_000_000, (await StoredAsync(agent))!.LimitMicros);

        await row.GetByTestId("budget-delete").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(row).ToHaveCountAsync(0);
        Assert.Null(await StoredAsync(agent));
    }

    [Fact]
    public async Task ABadLimitAndAMissingAgent_AreSaidNextToTheirFields_AndNothingIsSaved()
    {
        await using var tab = await browser.OpenAsync("owner@acme.test");
        var page = tab.Page;
        await OpenAsync(page, ColorScheme.Light);
        var before = await CountAsync();

        await page.GetByTestId("budget-add").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("input[data-testid=budget-limit-input]").FillAsync("1.234");
        await dialog.GetByTestId("budget-save").ClickAsync();
        await Expect(Field(dialog, "budget-limit-input")).ToContainTextAsync("at most two decimals");

        await PickAsync(page, "budget-scope", "One agent");
        await dialog.Locator("input[data-testid=budget-limit-input]").FillAsync("5");
        await dialog.GetByTestId("budget-save").ClickAsync();
        await Expect(Field(dialog, "budget-target-agent")).ToContainTextAsync("Name the agent");
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Finance_SeesTheBudgetsAndTheirSpend_WithoutAnyButtonToChangeThem(ColorScheme scheme)
    {
        var agent = AgentName();
        await AddAsync(new BudgetDraft("agent", agent, "month", 7_000_000, "block", [80]));
        await using var tab = await browser.OpenAsync("finance@acme.test", scheme);
        var page = tab.Page;
        var response = await page.GotoAsync("billing/budgets");
        Assert.Equal(200, response?.Status);
        await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
        await Expect(page.Locator("[data-testid=budgets-page][data-interactive=true]")).ToHaveCountAsync(1);

        var row = Row(page, agent);
        await Expect(row).ToContainTextAsync("$0.00 of $7.00");
        await Expect(row).ToContainTextAsync("80 %");
        await Expect(page.GetByTestId("budgets-read-only")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("budget-add")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("budget-edit")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("budget-delete")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AMember_IsRefused_AndHasNoBudgetsLink()
    {
        await using var tab = await browser.OpenAsync("member@acme.test");

        var response = await tab.Page.GotoAsync("billing/budgets");

        Assert.Equal(403, response?.Status);
        await Expect(tab.Page.GetByTestId("budgets-page")).ToHaveCountAsync(0);
        await Expect(tab.Page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = "Budgets" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnAgentNameIsShownAsText_NeverAsMarkup()
    {
        var agent = $"<b>bold</b>{Guid.NewGuid():N}"[..24];
        await AddAsync(new BudgetDraft("agent", agent, "day", 1_000_000, "notify", null));
        await using var tab = await browser.OpenAsync("owner@acme.test");
        await OpenAsync(tab.Page, ColorScheme.Light);

        await Expect(Row(tab.Page, agent).GetByTestId("budget-target")).ToHaveTextAsync(agent);
        await Expect(tab.Page.Locator("[data-testid=budget-target] b")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData(ColorScheme.Light, 1280)]
    [InlineData(ColorScheme.Dark, 1280)]
    [InlineData(ColorScheme.Light, 390)]
    [InlineData(ColorScheme.Dark, 390)]
    public async Task ThePage_AndItsDialog_Pictured(ColorScheme scheme, int width)
    {
        await EnsurePicturedBudgetsAsync();
        await using var tab = await browser.OpenAsync("owner@acme.test", scheme, width);
        var page = tab.Page;
        await OpenAsync(page, scheme);

        // The agent's run in progress holds $6 of its $25: shown under its bar, and counted in it.
        await Expect(Row(page, "pictured-agent").GetByTestId("budget-held")).ToContainTextAsync("$6.00 held for runs in progress");
        await Screenshots.SaveAsync(page, Screenshots.Name("budgets", scheme, width), width);
        await page.GetByTestId("budget-add").ClickAsync();
        await PickAsync(page, "budget-scope", "One API key");
        await page.Locator(".mud-dialog").GetByTestId("budget-save").ClickAsync();
        // Every field's message at once: the key is missing and the limit empty.
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Choose the API key this budget covers.");
        await Expect(page.Locator(".mud-dialog")).ToContainTextAsync("Enter an amount");
        await Screenshots.SaveAsync(page, Screenshots.Name("budgets-dialog", scheme, width), width, stillAnimations: true);
    }

    /// <summary>
    /// A workspace budget (the demo's month of usage fills part of it), and a small agent budget with a run in progress
    /// holding $6 (as authorize with an estimate leaves it; it expires in a day, long after these tests), made once.
    /// </summary>
    private async Task EnsurePicturedBudgetsAsync()
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        if (await db.Budgets.AnyAsync(b => b.Target == "pictured-agent", Ct))
            return;
        await AddAsync(new BudgetDraft("workspace", null, "month", 500_000_000, "notify", null));
        await AddAsync(new BudgetDraft("agent", "pictured-agent", "day", 25_000_000, "block", [50, 80, 100]));
        var now = browser.App.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        db.RunHolds.Add(new RunHold { Id = Guid.CreateVersion7(), WorkspaceId = await AcmeAsync(), RunId = $"pictured-{Guid.NewGuid():N}", Agent = "pictured-agent",
            AmountMicros = 6_000_000, CreatedAt = now, ExpiresAt = now.AddDays(1) });
        await db.SaveChangesAsync(Ct);
    }

    private async Task AddAsync(BudgetDraft draft)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var change = await scope.ServiceProvider.GetRequiredService<BudgetService>().CreateAsync(await AcmeAsync(), draft, Ct);
        Assert.True(change.Budget is not null, string.Join("; ", change.Errors?.SelectMany(e => e.Value) ?? []));
    }

    private async Task<Guid> AcmeAsync()
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        return await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
    }

    private async Task<Budget?> StoredAsync(string agent)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        return await db.Budgets.AsNoTracking().SingleOrDefaultAsync(b => b.Target == agent, Ct);
    }

    private async Task<int> CountAsync()
    {
        var acme = await AcmeAsync();
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        return await db.Budgets.CountAsync(b => b.WorkspaceId == acme, Ct);
    }

    private static ILocator Row(IPage page, string agent) => page.Locator("[data-testid=budgets-table] tbody tr", new() { HasText = agent });

    private static ILocator Field(ILocator dialog, string testId) =>
        dialog.Locator(".mud-input-control", new() { Has = dialog.Page.Locator($"[data-testid={testId}]") }).Last;

    private static async Task PickAsync(IPage page, string selectTestId, string option)
    {
        // By its test id: MudBlazor nests one .mud-select in another, so a class-and-label locator finds two.
        await page.GetByTestId(selectTestId).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        // The list closes before the next click, or that click lands on its overlay.
        await Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    private static async Task OpenAsync(IPage page, ColorScheme scheme)
    {
        var response = await page.GotoAsync("billing/budgets");
        Assert.Equal(200, response?.Status);
        await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
        await Expect(page.Locator("[data-testid=budgets-page][data-interactive=true]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("budget-add")).ToBeVisibleAsync();
    }
}
