using Deque.AxeCore.Playwright;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Demo;
using BillingPortal.Features.Payments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BillingPortal.Tests.Browser;

/// <summary>An Owner pays for credits and saves a card on the local test checkout, in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LocalCheckoutTests(BrowserFixture browser)
{
    private const string Owner = "owner@acme.test";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Owner_PaysWithTheSuccessCard_SeesSucceeded_AndIsCreditedOnce()
    {
        var payment = await StartPurchaseAsync(15);
        await using var tab = await browser.OpenAsync(Owner);

        await OpenInteractiveAsync(tab.Page, payment.CheckoutUrl!);
        await Expect(tab.Page.GetByTestId("checkout-amount")).ToHaveTextAsync("$15.00");
        await FillCardAsync(tab.Page, "4242 4242 4242 4242");
        await tab.Page.GetByTestId("pay").ClickAsync();

        var outcome = tab.Page.GetByTestId("purchase-outcome");
        await Expect(outcome).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(outcome).ToContainTextAsync("$15.00 added to your credits, paid with Visa •••• 4242");
        Assert.Contains($"/billing/credits/return?payment={payment.Id}", tab.Page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await PurchaseEntriesAsync(payment.Id));

        // Coming back to the return page (a reload, a second tab) changes nothing.
        await tab.Page.ReloadAsync();
        await Expect(tab.Page.GetByTestId("purchase-outcome")).ToHaveAttributeAsync("data-status", "succeeded");
        Assert.Equal(1, await PurchaseEntriesAsync(payment.Id));
    }

    [Fact]
    public async Task Owner_PaysWithTheDeclinedCard_SeesDeclined_AndNothingIsCredited()
    {
        var payment = await StartPurchaseAsync(25);
        await using var tab = await browser.OpenAsync(Owner);

        await OpenInteractiveAsync(tab.Page, payment.CheckoutUrl!);
        await FillCardAsync(tab.Page, "4000 0000 0000 0002");
        await tab.Page.GetByTestId("pay").ClickAsync();

        var outcome = tab.Page.GetByTestId("purchase-outcome");
        await Expect(outcome).ToHaveAttributeAsync("data-status", "declined");
        await Expect(tab.Page.GetByTestId("failure-reason")).ToHaveTextAsync("Declined: Your card was declined.");
        Assert.Equal(0, await PurchaseEntriesAsync(payment.Id));
        Assert.Equal(PaymentStatus.Failed, (await PaymentAsync(payment.Id)).Status);

        // "Try again" opens a new checkout for the same amount; the declined payment stays as it was.
        await Expect(tab.Page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
        bool NewCheckout(string u) => u.Contains("/checkout/local/cs_local_", StringComparison.Ordinal) && !u.Contains(payment.CheckoutId!, StringComparison.Ordinal);
        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        try
        {
            await tab.Page.WaitForURLAsync(NewCheckout, new() { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            // Once in a full run on a loaded machine the click landed while the page re-rendered after loading its
            // outcome and did nothing (CI, 2026-12-07); a person clicks again, and so does the test, once.
            await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
            await tab.Page.WaitForURLAsync(NewCheckout);
        }
        await Expect(tab.Page.GetByTestId("checkout-amount")).ToHaveTextAsync("$25.00");
        Assert.Equal(PaymentStatus.Failed, (await PaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task Owner_WaitingOnTheReturnPage_SeesTheCreditOnceThePaymentIsConfirmed()
    {
        var payment = await StartPurchaseAsync(30);
        var fulfilment = browser.App.Services.GetRequiredService<PaymentFulfilment>();
        await fulfilment.MarkProcessingAsync(new PaymentReport("browser test", payment.Id), Ct);
        await using var tab = await browser.OpenAsync(Owner);

        await OpenInteractiveAsync(tab.Page, PurchaseService.ReturnUrl("", payment.Id));
        var outcome = tab.Page.GetByTestId("purchase-outcome");
        await Expect(outcome).ToHaveAttributeAsync("data-status", "waiting");
        Assert.Equal(0, await PurchaseEntriesAsync(payment.Id));

        // The confirmation arrives (a webhook, say) while the page is open: it re-checks and says so.
        await fulfilment.ConfirmSucceededAsync(new PaymentReport("browser test", payment.Id), Ct);

        await Expect(outcome).ToHaveAttributeAsync("data-status", "succeeded");
        await Expect(outcome).ToContainTextAsync("$30.00 added to your credits");
    }

    [Fact]
    public async Task Owner_TypesABadCard_SeesTheErrorsNextToTheFields_AndIsNotCharged()
    {
        var payment = await StartPurchaseAsync(5);
        await using var tab = await browser.OpenAsync(Owner);

        await OpenInteractiveAsync(tab.Page, payment.CheckoutUrl!);
        await FillCardAsync(tab.Page, "4242 4242 4242 4241", expiry: "13 / 30", cvc: "12");
        await tab.Page.GetByTestId("pay").ClickAsync();

        await Expect(tab.Page.GetByText("Your card number is invalid.")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByText("Your card's expiration month is invalid.")).ToBeVisibleAsync();
        await Expect(tab.Page.GetByText("Your card's security code is incomplete.")).ToBeVisibleAsync();
        Assert.Equal(PaymentStatus.Pending, (await PaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task Owner_CancelsTheCheckout_IsToldNothingWasCharged_AndCannotPayItTwice()
    {
        var payment = await StartPurchaseAsync(5);
        await using var tab = await browser.OpenAsync(Owner);

        await OpenInteractiveAsync(tab.Page, payment.CheckoutUrl!);
        await tab.Page.GetByRole(AriaRole.Link, new() { Name = "Cancel and go back" }).ClickAsync();

        var outcome = tab.Page.GetByTestId("purchase-outcome");
        await Expect(outcome).ToHaveAttributeAsync("data-status", "canceled");
        await Expect(outcome).ToContainTextAsync("You cancelled the checkout; nothing was charged.");
        Assert.Equal(PaymentStatus.Pending, (await PaymentAsync(payment.Id)).Status);
    }

    [Fact]
    public async Task Owner_OpensAPaidCheckoutAgain_IsToldItIsAlreadyPaid()
    {
        var payment = await StartPurchaseAsync(5);
        await browser.App.Services.GetRequiredService<PaymentFulfilment>()
            .ConfirmSucceededAsync(new PaymentReport("browser test", payment.Id), Ct);
        await using var tab = await browser.OpenAsync(Owner);

        await OpenInteractiveAsync(tab.Page, payment.CheckoutUrl!);

        await Expect(tab.Page.GetByRole(AriaRole.Heading, new() { Name = "This checkout is already paid" })).ToBeVisibleAsync();
        await Expect(tab.Page.GetByTestId("pay")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Owner_SavesACard_OnTheSetupCheckout_AndItIsOnFile()
    {
        var (workspaceId, ownerId) = await AcmeAsync();
        var url = await browser.App.Services.GetRequiredService<CardSetupService>().StartAsync(workspaceId, ownerId, browser.BaseAddress.ToString(), Ct);
        await using var tab = await browser.OpenAsync(Owner);

        await OpenInteractiveAsync(tab.Page, url);
        await FillCardAsync(tab.Page, "5555 5555 5555 4444");
        await tab.Page.GetByTestId("save-card").ClickAsync();

        await tab.Page.WaitForURLAsync(u => u.Contains("/billing/payment?setup=", StringComparison.Ordinal));
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        var checkoutId = url.Split('/')[^1];
        var setup = await db.CardSetups.AsNoTracking().SingleAsync(s => s.CheckoutId == checkoutId, Ct);
        Assert.Equal(CardSetupStatus.Completed, setup.Status);
        var method = await db.PaymentMethods.AsNoTracking().SingleAsync(m => m.Id == setup.PaymentMethodId, Ct);
        Assert.Equal(("mastercard", "4444", 12, 2030), (method.Brand, method.Last4, method.ExpMonth, method.ExpYear));
    }

    [Fact]
    public async Task Owner_LooksAtTheCheckoutAndReturnPages_InLightAndDark_AtDesktopAndPhoneWidth()
    {
        var pending = await StartPurchaseAsync(50);
        var paid = await StartPurchaseAsync(15);
        var declined = await StartPurchaseAsync(5);
        var fulfilment = browser.App.Services.GetRequiredService<PaymentFulfilment>();
        await fulfilment.ConfirmSucceededAsync(new PaymentReport("screenshot test", paid.Id, CardDescription: "Visa •••• 4242"), Ct);
        await fulfilment.RecordFailureAsync(new PaymentReport("screenshot test", declined.Id), "insufficient_funds", "Your card has insufficient funds.", Ct);
        foreach (var (scheme, width) in Screenshots.Looks)
        {
            await using var tab = await browser.OpenAsync(Owner, scheme, width);
            await ShootAsync(tab.Page, pending.CheckoutUrl!, "checkout-local", scheme, width);
            await ShootAsync(tab.Page, PurchaseService.ReturnUrl("", paid.Id), "purchase-return-succeeded", scheme, width);
            await ShootAsync(tab.Page, PurchaseService.ReturnUrl("", declined.Id), "purchase-return-declined", scheme, width);
        }
    }

    [Fact]
    public async Task Owner_UsingAssistiveTechnology_MeetsNoSeriousBarrier_OnTheCheckoutAndSetupPages()
    {
        var payment = await StartPurchaseAsync(15);
        var (workspaceId, ownerId) = await AcmeAsync();
        var setupUrl = await browser.App.Services.GetRequiredService<CardSetupService>().StartAsync(workspaceId, ownerId, browser.BaseAddress.ToString(), Ct);
        await using var tab = await browser.OpenAsync(Owner);

        foreach (var path in new[] { payment.CheckoutUrl!, setupUrl, PurchaseService.ReturnUrl("", payment.Id) + "&canceled=1" })
        {
            await OpenInteractiveAsync(tab.Page, path);
            var result = await tab.Page.RunAxe();
            var blocking = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            Assert.True(blocking.Count == 0, $"{path}: " + string.Join("; ", blocking.Select(v => $"{v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
        }
    }

    private static async Task ShootAsync(IPage page, string path, string name, ColorScheme scheme, int width)
    {
        await OpenInteractiveAsync(page, path);
        await BrowserFixture.WaitForColorSchemeAsync(page, scheme);
        await Screenshots.SaveAsync(page, Screenshots.Name(name, scheme, width), width);
    }

    /// <summary>Opens the page and waits until its circuit is up, so typing and clicking reach the server.</summary>
    private static async Task OpenInteractiveAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path.TrimStart('/'));
        Assert.Equal(200, response?.Status);
        await Expect(page.Locator("[data-interactive='yes']")).ToBeVisibleAsync();
    }

    private static async Task FillCardAsync(IPage page, string number, string expiry = "12 / 30", string cvc = "123")
    {
        await page.GetByLabel("Card number", new() { Exact = true }).FillAsync(number);
        await page.GetByLabel("Expiry (MM / YY)", new() { Exact = true }).FillAsync(expiry);
        await page.GetByLabel("CVC", new() { Exact = true }).FillAsync(cvc);
        await page.GetByLabel("Name on card", new() { Exact = true }).FillAsync("Ada Lovelace");
        // Leaving the last field commits its value to the server before the click.
        await page.GetByLabel("Name on card", new() { Exact = true }).BlurAsync();
    }

    private async Task<Payment> StartPurchaseAsync(int dollars)
    {
        var (workspaceId, ownerId) = await AcmeAsync();
        var start = await browser.App.Services.GetRequiredService<PurchaseService>()
            .StartAsync(workspaceId, ownerId, dollars * Money.MicrosPerDollar, Guid.NewGuid().ToString("N"), browser.BaseAddress.ToString(), Ct);
        Assert.True(start.Started, start.Error);
        return start.Payment!;
    }

    private async Task<(Guid WorkspaceId, string OwnerId)> AcmeAsync()
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        var workspaceId = await db.Workspaces.Where(w => w.Name == DemoSeeder.WorkspaceName).Select(w => w.Id).SingleAsync(Ct);
        var ownerId = await db.Users.Where(u => u.Email == Owner).Select(u => u.Id).SingleAsync(Ct);
        return (workspaceId, ownerId);
    }

    private async Task<int> PurchaseEntriesAsync(Guid paymentId)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        var key = $"payment:{paymentId}";
        return await db.LedgerEntries.CountAsync(e => e.IdempotencyKey == key && e.Type == LedgerEntryType.Purchase, Ct);
    }

    private async Task<Payment> PaymentAsync(Guid id)
    {
        await using var db = await browser.App.DbFactory.CreateDbContextAsync(Ct);
        return await db.Payments.AsNoTracking().SingleAsync(p => p.Id == id, Ct);
    }
}
