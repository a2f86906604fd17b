using System.Globalization;
using BillingPortal.Components.Shared;
using BillingPortal.Domain;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using MudBlazor;
using MudBlazor.Extensions;

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
        cut.Find(".bp-money").MouseEnter();
        var tooltip = cut.FindComponent<MudTooltip>().Instance;
        Assert.Equal("Exactly $1.775318", tooltip.Text);
        Assert.True(tooltip.GetState(t => t.Visible));
        Assert.Equal("$1.78", cut.Find(".bp-money").TextContent);
    }

    [Fact]
    public void Render_SubCentAmount_MakesItsTooltipOnlyOnceHovered()
    {
        // A tooltip is four components and a popover kept for the circuit's life; a page of amounts is mostly never hovered.
        var cut = Render<MoneyText>(p => p.Add(m => m.Value, new Money(1_775_318)));

        Assert.Empty(cut.FindComponents<MudTooltip>());
        cut.Find(".bp-money").MouseEnter();
        Assert.Single(cut.FindComponents<MudTooltip>());
    }

    [Fact]
    public void Inline_WritesTheComponentsTextAndClasses_WithTheExactAmountAsTitle()
    {
        var component = Render<MoneyText>(p => p.Add(m => m.Value, new Money(-1_775_318))).Find(".bp-money");
        var inline = Render(MoneyText.Inline(new Money(-1_775_318))).Find("span");
        var wholeCents = Render(MoneyText.Inline(new Money(1_234_500_000))).Find("span");

        Assert.Equal(component.TextContent, inline.TextContent);
        Assert.Equal(component.ClassList.OrderBy(c => c), inline.ClassList.OrderBy(c => c));
        Assert.Equal("Exactly -$1.775318", inline.GetAttribute("title"));
        Assert.Equal("$1,234.50", wholeCents.TextContent);
        Assert.Null(wholeCents.GetAttribute("title"));
    }

    [Fact]
    public void InlineHtml_IsTheSameSpanAsInline()
    {
        // .bp-money is in app.css, not scoped to MoneyText: spans written as markup text carry no scope attribute.
        foreach (var micros in new[] { -1_775_318L, 1_234_500_000, 5 })
        {
            var inline = Render(MoneyText.Inline(new Money(micros), testId: "amount")).Find("span");
            var html = new System.Text.StringBuilder();
            MoneyText.AppendInlineHtml(html, new Money(micros), testId: "amount");
            var written = Render(builder => builder.AddMarkupContent(0, html.ToString())).Find("span");

            Assert.Equal(inline.TextContent, written.TextContent);
            Assert.Equal(inline.ClassList.OrderBy(c => c), written.ClassList.OrderBy(c => c));
            Assert.Equal(inline.GetAttribute("title"), written.GetAttribute("title"));
            Assert.Equal("amount", written.GetAttribute("data-testid"));
        }
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
