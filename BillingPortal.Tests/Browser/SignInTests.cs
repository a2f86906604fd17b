using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("owner@acme.test", "Owner")]
    [InlineData("admin@acme.test", "Admin")]
    [InlineData("finance@acme.test", "Member")]
    [InlineData("member@acme.test", "Member")]
    [InlineData("viewer@acme.test", "Viewer")]
    public async Task DemoUser_LogsIn_AndLandsInAcmeAiWithTheirRole(string email, string role)
    {
        await using var tab = await browser.OpenAsync();

        await BrowserFixture.LogInAsync(tab.Page, email);

        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Welcome back" })).ToBeVisibleAsync();
        await Expect(tab.Page.GetByText(new Regex($@"You are viewing\s+Acme AI\s+as {role}\."))).ToBeVisibleAsync();
        await Expect(tab.Page.GetByTestId("workspace-switcher")).ToContainTextAsync("Acme AI");
    }

    [Fact]
    public async Task LoginPage_ServedFromAnIpAddress_LogsNoPasskeyError()
    {
        // WebAuthn refuses an IP address as a relying party (SecurityError); the passkey autofill must not even try.
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+$", browser.BaseAddress.Host);
        await using var tab = await browser.OpenAsync();
        var errors = new List<string>();
        tab.Page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        tab.Page.PageError += (_, error) => errors.Add(error);

        await tab.Page.GotoAsync("Account/Login");
        await tab.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(tab.Page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();

        Assert.DoesNotContain(errors, e => e.Contains("SecurityError", StringComparison.Ordinal) || e.Contains("passkey", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Person_WithWrongPassword_StaysOnLoginAndIsTold()
    {
        await using var tab = await browser.OpenAsync();

        await tab.Page.GotoAsync("Account/Login");
        await tab.Page.Locator("input[name='Input.Email']").FillAsync("owner@acme.test");
        await tab.Page.Locator("input[name='Input.Password']").FillAsync("not-the-password");
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();

        await Expect(tab.Page.GetByText("Invalid login attempt")).ToBeVisibleAsync();
        await Expect(tab.Page).ToHaveURLAsync(new Regex("/Account/Login", RegexOptions.IgnoreCase));
    }
}
