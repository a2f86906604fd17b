using System.Net;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Payments.Checkout;
using BillingPortal.Features.Credits;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Invoices.Collection;
using BillingPortal.Features.Payments.Methods;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Features.Payments.Local;
using BillingPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BillingPortal.Tests.Hosting;

/// <summary>
/// Outside Development the local checkout (which takes Stripe's public test card) runs only when an operator opts in.
/// Without Stripe or that opt-in the app starts, and every way to pay is refused, naming the setting, writing nothing.
/// </summary>
public sealed class ProductionPaymentsTests
{
    private const string Password = "Prod-owner-2345";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithoutStripeOrOptIn_BuyingCredits_IsRefusedNamingTheSetting_AndGrantsNothing()
    {
        await using var app = new DeploymentAppFactory();
        var (owner, workspace) = await app.AddOwnerAsync("owner@northwind.test", Password);
        using var scope = app.Services.CreateScope();

        var start = await scope.ServiceProvider.GetRequiredService<PurchaseCredits>()
            .StartAsync(owner, workspace, 50 * Money.MicrosPerDollar, "buy-once", "https://localhost/", Ct);

        Assert.False(start.Started);
        Assert.Contains(PaymentsAvailability.AllowLocalCheckoutKey, start.Error);
        Assert.Contains("Stripe:SecretKey", start.Error);
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        Assert.False(await db.Payments.AnyAsync(Ct));
        Assert.False(await db.LedgerEntries.AnyAsync(e => e.WorkspaceId == workspace && e.Type == LedgerEntryType.Purchase, Ct));
        Assert.Equal(0, await db.Wallets.Where(w => w.WorkspaceId == workspace).Select(w => w.CreditBalanceMicros).SingleAsync(Ct));
    }

    [Fact]
    public async Task WithoutStripeOrOptIn_AddingACardAndPayingInvoices_AreRefused_AndTheLocalCheckoutIs404()
    {
        await using var app = new DeploymentAppFactory();
        var (owner, workspace) = await app.AddOwnerAsync("owner@northwind.test", Password);
        using var scope = app.Services.CreateScope();

        var addCard = await scope.ServiceProvider.GetRequiredService<PaymentMethodService>().StartAddCardAsync(owner, workspace, "https://localhost/", ct: Ct);
        var payNow = await scope.ServiceProvider.GetRequiredService<OutstandingInvoices>().PayNowAsync(owner, workspace, Ct);
        // What an upgrade and the dunning worker call: refused before an attempt is recorded.
        var collection = await scope.ServiceProvider.GetRequiredService<InvoiceCollector>().CollectAsync(Guid.NewGuid(), Ct);

        Assert.False(addCard.Succeeded);
        Assert.Contains(PaymentsAvailability.AllowLocalCheckoutKey, addCard.Message);
        Assert.False(payNow.Succeeded);
        Assert.Contains(PaymentsAvailability.AllowLocalCheckoutKey, payNow.Message);
        Assert.Equal(InvoiceCollectionOutcome.ProviderError, collection.Outcome);
        Assert.Contains(PaymentsAvailability.AllowLocalCheckoutKey, collection.FailureMessage);
        await using (var db = await app.DbFactory.CreateDbContextAsync(Ct))
        {
            Assert.False(await db.CardSetups.AnyAsync(Ct));
            Assert.False(await db.Payments.AnyAsync(Ct));
        }

        var client = app.CreateBrowserlikeClient();
        await BillingAppFactory.PostLoginAsync(client, "owner@northwind.test", Password);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/checkout/local/{LocalGateway.CheckoutIdFor(Guid.NewGuid())}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/checkout/local/setup/{LocalGateway.SetupCheckoutIdFor(Guid.NewGuid())}", Ct)).StatusCode);
        var credits = await client.GetStringAsync("/billing/credits", Ct);
        Assert.Contains("data-testid=\"payments-unavailable\"", credits);
        Assert.Contains(PaymentsAvailability.AllowLocalCheckoutKey, credits);
        Assert.DoesNotContain("test-mode-banner", credits);
    }

    [Fact]
    public async Task WithoutStripeOrOptIn_AutoTopUp_ClaimsAndChargesNothing_EvenWithACardOnFile()
    {
        await using var app = new DeploymentAppFactory();
        var (_, workspace) = await app.AddOwnerAsync("owner@northwind.test", Password);
        await using (var db = await app.DbFactory.CreateDbContextAsync(Ct))
        {
            // A card saved while payments were set up, and auto top-up on far above the balance.
            var card = new PaymentMethod { WorkspaceId = workspace, Provider = PaymentProvider.Local, ProviderMethodId = "pm_saved_before", Brand = "visa", Last4 = "4242", ExpMonth = 12, ExpYear = 2099 };
            db.PaymentMethods.Add(card);
            await db.SaveChangesAsync(Ct);
            var settings = await db.CreditSettings.SingleOrDefaultAsync(s => s.WorkspaceId == workspace, Ct);
            if (settings is null)
                db.CreditSettings.Add(settings = new CreditSettings { WorkspaceId = workspace });
            (settings.AutoTopUpEnabled, settings.AutoTopUpPaymentMethodId) = (true, card.Id);
            (settings.AutoTopUpThresholdMicros, settings.AutoTopUpAmountMicros, settings.AutoTopUpMonthlyCapMicros) =
                (1_000 * Money.MicrosPerDollar, 25 * Money.MicrosPerDollar, 100 * Money.MicrosPerDollar);
            await db.SaveChangesAsync(Ct);
        }
        using var scope = app.Services.CreateScope();

        var attempt = await scope.ServiceProvider.GetRequiredService<AutoTopUpRunner>().TopUpAsync(workspace, Ct);

        Assert.Equal(AutoTopUpOutcome.PaymentsOff, attempt.Outcome);
        await using var check = await app.DbFactory.CreateDbContextAsync(Ct);
        Assert.False(await check.Payments.AnyAsync(Ct));
        Assert.Null(await check.CreditSettings.Where(s => s.WorkspaceId == workspace).Select(s => s.AutoTopUpInFlightPaymentId).SingleAsync(Ct));
    }

    [Fact]
    public async Task WithTheOptIn_EveryPageSaysTestMode_AndTheLocalCheckoutWorks()
    {
        await using var app = new DeploymentAppFactory(new Dictionary<string, string?> { [PaymentsAvailability.AllowLocalCheckoutKey] = "true" });
        var (owner, workspace) = await app.AddOwnerAsync("owner@northwind.test", Password);
        var client = app.CreateBrowserlikeClient();

        Assert.Contains("Test mode: no real money", await client.GetStringAsync("/Account/Login", Ct));
        await BillingAppFactory.PostLoginAsync(client, "owner@northwind.test", Password);
        var credits = await client.GetStringAsync("/billing/credits", Ct);
        Assert.Contains("Test mode: no real money", credits);
        Assert.DoesNotContain("payments-unavailable", credits);

        using var scope = app.Services.CreateScope();
        var start = await scope.ServiceProvider.GetRequiredService<PurchaseCredits>()
            .StartAsync(owner, workspace, 50 * Money.MicrosPerDollar, "buy-once", "https://localhost/", Ct);
        Assert.True(start.Started, start.Error);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(start.RedirectUrl, Ct)).StatusCode);
        var paid = await scope.ServiceProvider.GetRequiredService<LocalCheckoutService>().PayAsync(
            owner, start.Payment!.CheckoutId!, new CardInput("4242 4242 4242 4242", "12/30", "123", "Test Owner"), Ct);
        Assert.Equal(PayStatus.Settled, paid.Status);
        await using var db = await app.DbFactory.CreateDbContextAsync(Ct);
        Assert.Equal(50 * Money.MicrosPerDollar, await db.Wallets.Where(w => w.WorkspaceId == workspace).Select(w => w.CreditBalanceMicros).SingleAsync(Ct));
    }
}
