using BillingPortal.Domain;
using BillingPortal.Domain.Forecasts;
using BillingPortal.Domain.Invoices;
using BillingPortal.Domain.Payments;
using BillingPortal.Features.Credits.AutoTopUp;
using BillingPortal.Features.Forecasts;
using BillingPortal.Features.Subscriptions.Status;
using BillingPortal.Security;
using BillingPortal.Tests.Features.Credits.AutoTopUp;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BillingPortal.Tests.Features.Forecasts;

/// <summary>The forecast card and its "Use this in auto top-up": the dialog opens with the suggestion, and saving it saves it.</summary>
public sealed class ForecastCardTests : BunitContextBase, IAsyncLifetime
{
    private const long Dollar = Money.MicrosPerDollar;
    private static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private AutoTopUpFixture fixture = default!;

    public async ValueTask InitializeAsync()
    {
        fixture = await AutoTopUpFixture.CreateAsync();
        Services.AddSingleton(fixture.Settings);
        SignInAs(fixture.OwnerId, "owner@topup.test", BillingPolicies.Read, BillingPolicies.Manage);
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await fixture.DisposeAsync();
    }

    [Fact]
    public void ShowsThePace_TheProjectedInvoice_AndTheSuggestion_InWords()
    {
        var card = RenderCard(canManage: false);

        Assert.Equal("At the last 7 days' pace ($3.00 a day), your allowance and credits last about 15 days, until 16 Mar 2026.",
            card.Find("[data-testid=forecast-pace]").TextContent.Trim());
        Assert.Equal("$49.00", card.Find("[data-testid=forecast-invoice-total]").TextContent.Trim());
        Assert.Equal("$55.00", card.Find("[data-testid=forecast-period-usage]").TextContent.Trim());
        Assert.Contains("Add $21.00 when the balance falls to $6.00", card.Find("[data-testid=forecast-suggestion]").TextContent);
        Assert.Empty(card.FindAll("[data-testid=forecast-use-suggestion]")); // a reader sees the suggestion only
    }

    [Fact]
    public void WithoutEnoughHistory_SaysSo_AndSuggestsNothing()
    {
        var card = RenderCard(canManage: true, spend: SpendForecast.NotEnoughHistory);

        Assert.StartsWith("Not enough history yet", card.Find("[data-testid=forecast-pace]").TextContent.Trim());
        Assert.Empty(card.FindAll("[data-testid=forecast-invoice]"));
        Assert.Empty(card.FindAll("[data-testid=forecast-suggestion]"));
        Assert.Empty(card.FindAll("[data-testid=forecast-use-suggestion]"));
    }

    [Fact]
    public void UseThisInAutoTopUp_NeverSetBefore_OpensTheDialogWithTheSuggestion_AndTheDefaultCap()
    {
        var provider = Render<MudDialogProvider>();
        var card = RenderCard(canManage: true);

        card.Find("[data-testid=forecast-use-suggestion]").Click();

        provider.WaitForAssertion(() => Assert.Equal("6", Value(provider, "auto-top-up-threshold")));
        Assert.Equal("21", Value(provider, "auto-top-up-amount"));
        Assert.Equal("250", Value(provider, "auto-top-up-cap-input")); // the dialog's own default, above the amount
    }

    [Fact]
    public async Task UseThisInAutoTopUp_OverASavedSetting_KeepsItsCap_RaisedToTheAmount_AndSaves()
    {
        await fixture.EnableAsync(new AutoTopUpChange(true, 10 * Dollar, 25 * Dollar, 100 * Dollar, null));
        var provider = Render<MudDialogProvider>();
        var saved = 0;
        var card = RenderCard(canManage: true, suggestion: new AutoTopUpSuggestion(40 * Dollar, 140 * Dollar), onSaved: () => saved++);

        card.Find("[data-testid=forecast-use-suggestion]").Click();
        provider.WaitForAssertion(() => Assert.Equal("40", Value(provider, "auto-top-up-threshold")));
        Assert.Equal("140", Value(provider, "auto-top-up-amount"));
        Assert.Equal("140", Value(provider, "auto-top-up-cap-input")); // $100 would refuse a $140 top-up
        // Save is the form's submit button outside the form (form="auto-top-up-form"): bUnit submits the form itself.
        provider.Find("form#auto-top-up-form").Submit();

        provider.WaitForAssertion(() => Assert.Equal(1, saved));
        var settings = (await fixture.Settings.GetAutoTopUpAsync(fixture.WorkspaceId, Xunit.TestContext.Current.CancellationToken)).Settings;
        Assert.True(settings.AutoTopUpEnabled);
        Assert.Equal(40 * Dollar, settings.AutoTopUpThresholdMicros);
        Assert.Equal(140 * Dollar, settings.AutoTopUpAmountMicros);
        Assert.Equal(140 * Dollar, settings.AutoTopUpMonthlyCapMicros);
    }

    private IRenderedComponent<ForecastCard> RenderCard(bool canManage, SpendForecast? spend = null, AutoTopUpSuggestion? suggestion = null, Action? onSaved = null)
    {
        spend ??= new SpendForecast(true, 21 * Dollar, 3 * Dollar, 15, Now.AddDays(15), suggestion ?? new AutoTopUpSuggestion(6 * Dollar, 21 * Dollar));
        var invoice = new NextInvoiceEstimate(new DateTime(2026, 4, 1, 9, 0, 0, DateTimeKind.Utc), "pro", "Pro", Now.AddMonths(-1),
            [new InvoiceLineSpec(InvoiceLineKind.PlanFee, "Pro plan", 49 * Dollar), new InvoiceLineSpec(InvoiceLineKind.UsageSummary, "Usage", 55 * Dollar)]);
        return Render<ForecastCard>(p => p
            .Add(c => c.Forecast, new Forecast(spend, invoice))
            .Add(c => c.WorkspaceId, fixture.WorkspaceId)
            .Add(c => c.CanManage, canManage)
            .Add(c => c.OnAutoTopUpSaved, () => onSaved?.Invoke()));
    }

    private static string? Value(IRenderedComponent<MudDialogProvider> provider, string testId) =>
        provider.Find($"input[data-testid={testId}]").GetAttribute("value");
}
