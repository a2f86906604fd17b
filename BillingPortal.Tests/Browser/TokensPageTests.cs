using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using BillingPortal.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// The Personal tokens page as its owner uses it: a token made in the browser works on the billing API at once,
/// and stops the moment it is revoked there; a refused name is said next to its field and makes nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TokensPageTests(BrowserFixture browser)
{
    private const string OwnerEmail = "tokens-owner@tokens.test";
    private const string WorkspaceName = "Token Testers";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owner_CreatesAManageToken_UsesItOnTheApi_ThenRevokesIt_AndTheApiRefusesIt()
    {
        await TestWorkspaces.OnceAsync(browser, OwnerEmail, WorkspaceName, PlanCatalog.Pro);
        await using var tab = await browser.OpenAsync(OwnerEmail);
        var page = tab.Page;
        await OpenAsync(page, ColorScheme.Light);
        var name = $"laptop {Guid.NewGuid():N}"[..16];

        await page.GetByTestId("create-token").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("input[data-testid=token-name]").FillAsync(name);
        await dialog.GetByText("billing:manage, to also start top-ups").ClickAsync();
        await dialog.GetByText("In 30 days").ClickAsync();
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var secretField = page.Locator(".mud-dialog input[data-testid=token-secret]");
        await Expect(secretField).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^bp_pat_"));
        var secret = await secretField.InputValueAsync();

        using var api = new HttpClient { BaseAddress = browser.BaseAddress };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var status = await api.GetAsync("api/v1/billing/status", Ct);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(WorkspaceName, JsonDocument.Parse(await status.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("workspaceName").GetString());

        await page.GetByRole(AriaRole.Button, new() { Name = "I have copied it" }).ClickAsync();
        var row = page.Locator("[data-testid=tokens] tbody tr", new() { HasText = name });
        await Expect(row).ToContainTextAsync("billing:manage");
        await Expect(row).ToContainTextAsync(WorkspaceName);
        await Expect(row).ToContainTextAsync(secret[..12]);
        await Expect(row.GetByTestId("token-status")).ToContainTextAsync("Active");

        await row.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(row.GetByTestId("token-status")).ToContainTextAsync("Revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("api/v1/billing/status", Ct)).StatusCode);
    }

    [Fact]
    public async Task ABlankName_IsSaidNextToTheNameField_AndMakesNoToken()
    {
        await TestWorkspaces.OnceAsync(browser, OwnerEmail, WorkspaceName, PlanCatalog.Pro);
        await using var tab = await browser.OpenAsync(OwnerEmail);
        var page = tab.Page;
        await OpenAsync(page, ColorScheme.Light);
        var before = await CountAsync();

        await page.GetByTestId("create-token").ClickAsync();
        var dialog = page.Locator(".mud-dialog");
        await dialog.Locator("input[data-testid=token-name]").FillAsync("   ");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();

        var field = dialog.Locator(".mud-input-control", new() { Has = page.Locator("input[data-testid=token-name]") });
        await Expect(field).ToContainTextAsync("Give the token a name");
        Assert.Equal(before, await CountAsync());
    }

    [Theory]
    [InlineData(ColorScheme.Light, 1280)]
    [InlineData(ColorScheme.Dark, 1280)]
    [InlineData(ColorScheme.Light, 390)]
    [InlineData(ColorScheme.Dark, 390)]
    public async Task ThePage_AndItsCreateDialog_Pictured(ColorScheme scheme, int width)
    {
        await TestWorkspaces.OnceAsync(browser, OwnerEmail, WorkspaceName, PlanCatalog.Pro);
        await using var tab = await browser.OpenAsync(OwnerEmail, scheme, width);
        var page = tab.Page;
        await OpenAsync(page, scheme);

        await Screenshots.SaveAsync(page, Screenshots.Name("tokens", scheme, width), width);
        await page.GetByTestId("create-token").ClickAsync();
        await Expect(page.Locator(".mud-dialog input[data-testid=token-name]")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, Screenshots.Name("tokens-create", scheme, width), width, stillAnimations: true);
    }

    private async Task OpenAsync(IPage page, ColorScheme scheme)
    {
        var response = await page.GotoAsync("settings/tokens");
        Assert.Equal(200, response?.Status);
        await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
        await Expect(page.GetByTestId("create-token")).ToBeVisibleAsync();
    }

    private async Task<int> CountAsync()
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        var ownerId = await db.Users.Where(u => u.Email == OwnerEmail).Select(u => u.Id).SingleAsync(Ct);
        return await db.PersonalTokens.CountAsync(t => t.UserId == ownerId, Ct);
    }
}
