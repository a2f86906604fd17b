using BillingPortal.Data;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class PaymentPageTests(BrowserFixture browser)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Owner_SeesCardsAndCharges_AndMakesAnotherCardTheDefault(ColorScheme scheme)
    {
        var team = await CardTesters.EnsureAsync(browser);
        await using var tab = await browser.OpenAsync(CardTesters.OwnerEmail, scheme);
        var page = tab.Page;

        await OpenAsync(page, scheme);
        int charges;
        await using (var before = await browser.App.DbFactory.CreateDbContextAsync(Ct))
            charges = await before.Payments.CountAsync(p => p.WorkspaceId == team, Ct); // the seeded three, and purchases other tests start
        var cards = page.GetByTestId("card");
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(cards.First.GetByTestId("card-default")).ToBeVisibleAsync();
        var history = page.GetByTestId("charge-history");
        await Expect(history.Locator("tbody tr")).ToHaveCountAsync(Math.Min(charges, 25));
        await Expect(history).ToContainTextAsync("Your card was declined.");
        await Expect(history).ToContainTextAsync("Refunded $20.00");
        await Expect(history).ToContainTextAsync("Auto top-up");

        var other = cards.Nth(1);
        var otherLast4 = await other.GetAttributeAsync("data-card-last4");
        await other.GetByRole(AriaRole.Button, new() { NameRegex = new("^Set default: ") }).ClickAsync();

        await Expect(page.Locator($"[data-testid=card][data-card-last4='{otherLast4}'] [data-testid=card-default]")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("card-default")).ToHaveCountAsync(1);
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        Assert.Equal(otherLast4, (await db.PaymentMethods.SingleAsync(m => m.WorkspaceId == team && m.RemovedAt == null && m.IsDefault, Ct)).Last4);
    }

    [Fact]
    public async Task Owner_ReturningFromAddingACard_IsToldTheCardWasAdded()
    {
        var team = await CardTesters.EnsureAsync(browser);
        Guid setupId;
        await using (var db = await browser.App.DbFactory.CreateDbContextAsync(Ct))
        {
            var setup = new CardSetup { WorkspaceId = team, Status = CardSetupStatus.Completed, CreatedAt = browser.App.Clock.GetUtcNow().UtcDateTime, CompletedAt = browser.App.Clock.GetUtcNow().UtcDateTime };
            db.CardSetups.Add(setup);
            await db.SaveChangesAsync(Ct);
            setupId = setup.Id;
        }
        await using var tab = await browser.OpenAsync(CardTesters.OwnerEmail);

        await tab.Page.GotoAsync($"billing/payment?setup={setupId}");

        await Expect(tab.Page.GetByTestId("setup-message")).ToContainTextAsync("Card added.");
    }

    [Fact]
    public async Task Finance_SeesTheChargeHistory_ButNoButtonsThatAct()
    {
        await using var tab = await browser.OpenAsync("finance@acme.test");
        var page = tab.Page;

        await OpenAsync(page, ColorScheme.Light);

        await Expect(page.GetByTestId("charge-history")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("add-card")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new("^Remove: ") })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Owner_LooksAtThePaymentPage_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        await CardTesters.EnsureAsync(browser);
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync(CardTesters.OwnerEmail, scheme, width);
            await OpenAsync(tab.Page, scheme);
            await Expect(tab.Page.GetByTestId("charge-history").Locator("tbody tr").First).ToBeVisibleAsync();
            await Screenshots.SaveAsync(tab.Page, $"payment-{scheme.ToString().ToLowerInvariant()}-{width}", width);
        }
    }

    [Fact]
    public async Task Owner_UsingAssistiveTechnology_MeetsNoSeriousBarrier_OnThePaymentPage()
    {
        await CardTesters.EnsureAsync(browser);
        await using var tab = await browser.OpenAsync(CardTesters.OwnerEmail);
        await OpenAsync(tab.Page, ColorScheme.Light);
        await Expect(tab.Page.GetByTestId("charge-history").Locator("tbody tr").First).ToBeVisibleAsync();

        CreditsPageTests.AssertNoBlocking(await tab.Page.RunAxe(), "payment page");
    }

    private static async Task OpenAsync(IPage page, ColorScheme scheme)
    {
        var response = await page.GotoAsync("billing/payment");
        Assert.Equal(200, response?.Status);
        await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
        await Expect(page.Locator("[data-testid=payment-page][data-interactive=true]")).ToHaveCountAsync(1);
    }
}

/// <summary>
/// A team workspace of its own for the tests that add cards and payments, so the demo workspace other tests read
/// stays as seeded. Its Owner signs in with the demo password.
/// </summary>
internal static class CardTesters
{
    public const string OwnerEmail = "cards-owner@cards.test";
    public static Task<Guid> EnsureAsync(BrowserFixture browser) =>
        TestWorkspaces.OnceAsync(browser, OwnerEmail, "Card Testers", PlanCatalog.Pro, async (services, id) =>
        {
            var store = services.GetRequiredService<PaymentMethodStore>();
            var visa = await store.AttachAsync(new CardAttach(id, PaymentProvider.Local, "tok_cards_visa", "visa", "4242", 4, 2031));
            await store.AttachAsync(new CardAttach(id, PaymentProvider.Local, "tok_cards_mc", "mastercard", "4444", 9, 2029));
            await AddChargesAsync(browser.App.DbFactory, id, visa, browser.App.Clock.GetUtcNow().UtcDateTime);
        });

    private static async Task AddChargesAsync(IDbContextFactory<BillingDbContext> dbFactory, Guid workspaceId, PaymentMethod card, DateTime now)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        Payment Charge(int hoursAgo, long dollars, PaymentPurpose purpose, PaymentStatus status) => new()
        {
            WorkspaceId = workspaceId, Purpose = purpose, AmountMicros = dollars * Money.MicrosPerDollar, Status = status,
            RequestKey = $"seed:{hoursAgo}", Description = "seeded", PaymentMethodId = card.Id, CardDescription = card.Display,
            CreatedAt = now.AddHours(-hoursAgo), UpdatedAt = now.AddHours(-hoursAgo),
        };
        var refunded = Charge(72, 50, PaymentPurpose.CreditPurchase, PaymentStatus.Succeeded);
        refunded.RefundedMicros = 20 * Money.MicrosPerDollar;
        var declined = Charge(24, 25, PaymentPurpose.AutoTopUp, PaymentStatus.Failed);
        declined.FailureCode = "card_declined";
        declined.FailureMessage = "Your card was declined.";
        db.Payments.AddRange(refunded, declined, Charge(2, 15, PaymentPurpose.CreditPurchase, PaymentStatus.Succeeded));
        await db.SaveChangesAsync();
    }

}
