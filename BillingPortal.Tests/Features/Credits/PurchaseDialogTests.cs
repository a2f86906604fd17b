using System.Security.Claims;
using BillingPortal.Domain;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Credits;
using BillingPortal.Features.Payments;
using BillingPortal.Features.Payments.Gateway;
using BillingPortal.Security;
using BillingPortal.Tests.Features.Payments.Methods;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace BillingPortal.Tests.Features.Credits;

/// <summary>The purchase dialog, rendered by MudBlazor's dialog provider, starting purchases on a real SQLite file.</summary>
public sealed class PurchaseDialogTests : BunitContextBase, IAsyncLifetime
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;
    private readonly StubPaymentGateway gateway = new();
    private TestDatabase database = default!;
    private Guid workspaceId;
    private ClaimsPrincipal owner = new();

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        var ownerId = await database.AddUserAsync("owner@team.test");
        workspaceId = await database.Provisioner.CreateTeamWorkspaceAsync("Team", ownerId, PlanCatalog.Pro, trialDays: null, Ct);
        owner = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, ownerId)], "Test"));
        SignInAs(ownerId, "owner@team.test", BillingPolicies.Read, BillingPolicies.Manage);
        Services.AddSingleton(new PurchaseService(database.Factory, gateway, new PaymentsAvailability(PaymentsMode.LocalCheckout), database.Clock));
        Services.AddScoped<PurchaseCredits>();
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Theory]
    [InlineData("", "Enter an amount.")]
    [InlineData("abc", "Enter the amount as a number of dollars, such as 25 or 25.50.")]
    [InlineData("-20", "Enter an amount greater than zero.")]
    [InlineData("0", "Enter an amount greater than zero.")]
    [InlineData("4.99", "The minimum purchase is $5.00.")]
    [InlineData("100000.01", "The maximum purchase is $100,000.00.")]
    [InlineData("250000", "The maximum purchase is $100,000.00.")]
    [InlineData("12.345", "Use at most two decimals (whole cents).")]
    public async Task CustomAmount_ThatCannotBeBought_ShowsItsMessageAtTheField_AndStartsNothing(string typed, string message)
    {
        var (provider, result) = await ShowAsync();

        provider.Find("input[data-testid=custom-amount]").Input(typed);
        provider.Find("button[data-testid=purchase-submit]").Click();

        provider.WaitForAssertion(() => Assert.Equal(message, provider.Find(".mud-input-helper-text.mud-input-error").TextContent.Trim()));
        Assert.False(result.IsCompleted);
        Assert.Equal(0, gateway.CheckoutCount);
        Assert.Equal(0, await PaymentCountAsync());
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public async Task APack_StartsOneCheckout_ForItsAmount_AndGoesThere()
    {
        var (provider, _) = await ShowAsync();

        provider.Find("button[data-testid=pack-pro]").Click();
        provider.Find("button[data-testid=purchase-submit]").Click();

        var navigation = Services.GetRequiredService<NavigationManager>();
        provider.WaitForAssertion(() => Assert.Contains("/billing/credits/return?payment=", navigation.Uri, StringComparison.Ordinal));
        await using var db = database.Open();
        var payment = await db.Payments.AsNoTracking().SingleAsync(Ct);
        Assert.Equal(50 * Money.MicrosPerDollar, payment.AmountMicros);
        Assert.Equal(PaymentStatus.Pending, payment.Status);
        Assert.Equal(PurchaseService.ReturnUrl(navigation.BaseUri, payment.Id), navigation.Uri);
        Assert.Equal(0, await db.LedgerEntries.CountAsync(e => e.Type == LedgerEntryType.Purchase, Ct)); // credits only on confirmation
    }

    [Fact]
    public async Task ACustomAmount_WithCents_StartsACheckoutForExactlyThat()
    {
        var (provider, _) = await ShowAsync();

        provider.Find("input[data-testid=custom-amount]").Input("$1,234.56");
        provider.Find("button[data-testid=purchase-submit]").Click();

        provider.WaitForAssertion(() => Assert.Equal(1, gateway.CheckoutCount));
        await using var db = database.Open();
        Assert.Equal(1_234_560_000, (await db.Payments.AsNoTracking().SingleAsync(Ct)).AmountMicros);
    }

    [Fact]
    public async Task FiveRapidClicks_StartOnePurchase()
    {
        var (provider, _) = await ShowAsync();
        // Dispatched back to back, before any of them finishes, as a double-clicking person's browser sends them.
        var clicks = Enumerable.Range(0, 5).Select(_ => provider.InvokeAsync(() => provider.Find("button[data-testid=purchase-submit]").ClickAsync(new()))).ToList();
        foreach (var click in clicks)
            await IgnoreMissingHandler(click);

        provider.WaitForAssertion(() => Assert.Contains("/billing/credits/return", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        Assert.Equal(1, await PaymentCountAsync());
        Assert.Equal(1, gateway.CheckoutCount);
    }

    [Fact]
    public async Task ADialogLeftOpenAfterDemotion_IsRefused_AndStartsNothing()
    {
        Authorization.SetPolicies(BillingPolicies.Read); // no longer billing:manage
        var (provider, result) = await ShowAsync();

        provider.Find("button[data-testid=purchase-submit]").Click();

        provider.WaitForAssertion(() => Assert.Equal(PurchaseCredits.NotAllowed, provider.Find("[data-testid=purchase-error]").TextContent.Trim()));
        Assert.False(result.IsCompleted);
        Assert.Equal(0, await PaymentCountAsync());
    }

    [Fact]
    public async Task AnUnreachableProvider_ShowsTheErrorInTheDialog_AndARetryUsesTheSamePurchase()
    {
        gateway.Unreachable = true;
        var (provider, _) = await ShowAsync();

        provider.Find("button[data-testid=purchase-submit]").Click();
        provider.WaitForAssertion(() => Assert.Contains("could not be reached", provider.Find("[data-testid=purchase-error]").TextContent, StringComparison.Ordinal));
        gateway.Unreachable = false;
        provider.Find("button[data-testid=purchase-submit]").Click();

        provider.WaitForAssertion(() => Assert.Equal(1, gateway.CheckoutCount));
        Assert.Equal(1, await PaymentCountAsync());
    }

    [Fact]
    public async Task FiveConcurrentStarts_WithTheDialogsKey_FindOnePaymentAndOneCheckout()
    {
        var purchases = Services.GetRequiredService<PurchaseCredits>();
        var key = Guid.NewGuid().ToString("N");

        var starts = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            Task.Run(() => purchases.StartAsync(owner, workspaceId, 25 * Money.MicrosPerDollar, key, "https://app.test/", Ct), Ct)));

        Assert.All(starts, s => Assert.True(s.Started, s.Error));
        Assert.Single(starts.Select(s => s.Payment!.Id).Distinct());
        Assert.Single(starts.Select(s => s.RedirectUrl).Distinct());
        Assert.Equal(1, await PaymentCountAsync());
    }

    private static async Task IgnoreMissingHandler(Task click)
    {
        try
        {
            await click;
        }
        catch (Exception ex) when (ex is Bunit.MissingEventHandlerException or Bunit.ElementNotFoundException)
        {
            // The button was already disabled by an earlier click: that click never reaches the server, as in a browser.
        }
    }

    private async Task<int> PaymentCountAsync()
    {
        await using var db = database.Open();
        return await db.Payments.CountAsync(Ct);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<DialogResult?> Result)> ShowAsync()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference reference = default!;
        await provider.InvokeAsync(async () => reference = await dialogs.ShowAsync<PurchaseDialog>("Purchase credits",
            new DialogParameters<PurchaseDialog> { { d => d.User, owner }, { d => d.WorkspaceId, workspaceId } }));
        return (provider, reference.Result);
    }
}
