using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class BillingPageTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("member@acme.test")]
    [InlineData("viewer@acme.test")]
    public async Task PersonWithoutBillingAccess_OpeningBilling_SeesAccessDenied(string email)
    {
        await using var tab = await browser.OpenAsync(email);

        var response = await tab.Page.GotoAsync("billing");

        Assert.Equal(403, response?.Status);
        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await Expect(tab.Page.GetByTestId("credit-balance")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Owner_OpeningBilling_SeesTheOverviewWithACreditBalance()
    {
        await using var tab = await browser.OpenAsync("owner@acme.test");

        var response = await tab.Page.GotoAsync("billing");

        Assert.Equal(200, response?.Status);
        var balance = tab.Page.GetByTestId("credit-balance");
        await Expect(balance).ToBeVisibleAsync();
        await Expect(balance).ToContainTextAsync(new Regex(@"-?\$-?[\d,]+\.\d{2}"));
    }
}
