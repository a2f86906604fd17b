using System.Globalization;
using BillingPortal.Components.Shared;
using BillingPortal.Domain;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using MudBlazor;

namespace BillingPortal.Tests.Components.Shared;

public sealed class MoneyTextTests : BunitContextBase
{
    [Fact]
    public void Render_WholeCents_ShowsDollarsAndCentsWithNoTooltip()
    {
        var cut = Render<MoneyText>(p => p.Add(m => m.Value, new Money(1_234_500_000)));

        Assert.Equal("$1,234.50", cut.Find("span").TextContent);
        Assert.Empty(cut.FindComponents<MudTooltip>());
    }

    [Fact]
    public void Render_SubCentAmount_RoundsToTheCentAndOffersTheExactMicros()
    {
        var cut = Render<MoneyText>(p => p.Add(m => m.Value, new Money(1_775_318)));

        Assert.Equal("$1.78", cut.Find(".bp-money").TextContent);
        Assert.Equal("Exactly $1.775318", cut.FindComponent<MudTooltip>().Instance.Text);
    }

    [Fact]
    public void Render_Negative_IsShownInTheErrorColour()
    {
        var negative = Render<MoneyText>(p => p.Add(m => m.Value, new Money(-5_000_000)));
        var positive = Render<MoneyText>(p => p.Add(m => m.Value, new Money(5_000_000)));

        Assert.Contains("mud-error-text", negative.Find(".bp-money").ClassList);
        Assert.DoesNotContain("mud-error-text", positive.Find(".bp-money").ClassList);
    }

    [Fact]
    public void Render_NegativeWithHighlightOff_IsNotRed()
    {
        var cut = Render<MoneyText>(p => p.Add(m => m.Value, new Money(-5_000_000)).Add(m => m.HighlightNegative, false));

        Assert.DoesNotContain("mud-error-text", cut.Find(".bp-money").ClassList);
    }

    [Fact]
    public void Render_Signed_PutsAPlusBeforePositiveAmountsOnly()
    {
        var credit = Render<MoneyText>(p => p.Add(m => m.Value, new Money(250_000_000)).Add(m => m.Signed, true));
        var zero = Render<MoneyText>(p => p.Add(m => m.Value, Money.Zero).Add(m => m.Signed, true));

        Assert.Equal("+$250.00", credit.Find(".bp-money").TextContent);
        Assert.Equal("$0.00", zero.Find(".bp-money").TextContent);
    }

    [Fact]
    public void Render_InAnotherCulture_UsesThatCulturesSeparators()
    {
        var cut = Render<MoneyText>(p => p.Add(m => m.Value, new Money(1_234_500_000)).Add(m => m.Culture, CultureInfo.GetCultureInfo("de-DE")));

        Assert.Equal("1.234,50 $", cut.Find(".bp-money").TextContent.Replace('\u00a0', ' '));
    }

    [Fact]
    public void Render_ExtraAttributes_LandOnTheAmount()
    {
        var cut = Render<MoneyText>(p => p.Add(m => m.Value, new Money(10_000)).AddUnmatched("data-testid", "credit-balance"));

        Assert.Equal("$0.01", cut.Find("[data-testid=credit-balance]").TextContent);
    }
}
