using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>
/// Where each role lands after signing in: billing readers on the figures they come for with the way on; Members and
/// Viewers on whom to ask for access, never a dead end.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HomePageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("owner@acme.test")]
    [InlineData("finance@acme.test")]
    public async Task ABillingReader_LandsOnTheKeyFigures_AndTheWayToTheRest(string email)
    {
        await using var tab = await browser.OpenAsync(email);

        await tab.Page.GotoAsync("");

        var figures = tab.Page.GetByTestId("home-figures");
        await Expect(figures.GetByTestId("credit-balance")).ToBeVisibleAsync();
        await Expect(figures).ToContainTextAsync("Pro");
        await Expect(tab.Page.GetByTestId("home-links").GetByRole(AriaRole.Link)).ToHaveCountAsync(4);
        await Expect(tab.Page.GetByTestId("home-ask")).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("member@acme.test")]
    [InlineData("viewer@acme.test")]
    public async Task AMemberOrViewer_IsToldWhoToAsk_TheOwnersAndAdmins_AndSeesNoFigures(string email)
    {
        await using var tab = await browser.OpenAsync(email);

        await tab.Page.GotoAsync("");

        await Expect(tab.Page.GetByTestId("home-ask")).ToBeVisibleAsync();
        var contacts = tab.Page.GetByTestId("home-contacts");
        await Expect(contacts.GetByRole(AriaRole.Link, new() { Name = "owner@acme.test" })).ToHaveAttributeAsync("href", "mailto:owner@acme.test");
        await Expect(contacts.GetByRole(AriaRole.Link, new() { Name = "admin@acme.test" })).ToBeVisibleAsync();
        await Expect(contacts).Not.ToContainTextAsync("finance@acme.test");
        await Expect(contacts).Not.ToContainTextAsync("viewer@acme.test");
        await Expect(tab.Page.GetByTestId("home-figures")).ToHaveCountAsync(0);
        await Expect(tab.Page.GetByTestId("credit-balance")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheHomes_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        foreach (var (email, name) in new[] { ("owner@acme.test", "home-owner"), ("viewer@acme.test", "home-viewer") })
            foreach (var (scheme, width) in Screenshots.Looks)
            {
                await using var tab = await browser.OpenAsync(email, scheme, width);
                await tab.Page.GotoAsync("");
                await BrowserFixture.WaitForColorSchemeAsync(tab.Page, scheme);
                await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Welcome back" })).ToBeVisibleAsync();
                await Screenshots.SaveAsync(tab.Page, Screenshots.Name(name, scheme, width), width);
            }
    }
}
