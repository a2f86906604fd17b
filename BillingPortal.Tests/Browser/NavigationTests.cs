using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class NavigationTests(BrowserFixture browser)
{
    private static readonly Regex BillingLink = new(@"^\s*(Billing|Overview)\s*$");

    [Theory]
    [InlineData("owner@acme.test", true)]
    [InlineData("admin@acme.test", true)]
    [InlineData("finance@acme.test", true)]
    [InlineData("member@acme.test", false)]
    [InlineData("viewer@acme.test", false)]
    public async Task SignedInPerson_SeesBillingInTheMenu_OnlyWithBillingAccess(string email, bool seesBilling)
    {
        await using var tab = await browser.OpenAsync(email);

        await tab.Page.GotoAsync("");

        // The menu has rendered once its Home link shows; only then does an absent link mean something.
        var menu = tab.Page.Locator("nav");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Home", Exact = true })).ToBeVisibleAsync();
        var billing = menu.GetByRole(AriaRole.Link, new() { NameRegex = BillingLink });
        if (seesBilling)
            await Expect(billing.First).ToBeVisibleAsync();
        else
            await Expect(billing).ToHaveCountAsync(0);
    }
}
