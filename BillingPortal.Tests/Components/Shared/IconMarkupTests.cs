using BillingPortal.Components.Shared;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BillingPortal.Tests.Components.Shared;

/// <summary>IconMarkup writes SVG as markup, so it takes MudBlazor's icon constants and nothing else.</summary>
public sealed class IconMarkupTests : BunitContextBase
{
    [Fact]
    public void AnIconConstant_IsWrittenAsMudIconWritesIt()
    {
        var svg = Render(IconMarkup.Svg(Icons.Material.Filled.Savings, "mud-icon-size-small")).Find("svg");

        Assert.Equal("mud-icon-root mud-svg-icon mud-icon-size-small", svg.GetAttribute("class"));
        Assert.Equal("true", svg.GetAttribute("aria-hidden"));
        Assert.Equal(Icons.Material.Filled.Savings.Length > 0, svg.InnerHtml.Length > 0);
        Assert.True(IconMarkup.IsIcon(Icons.Material.Outlined.Receipt));
        Assert.True(IconMarkup.IsIcon(Icons.Custom.Brands.GitHub));
    }

    [Theory]
    [InlineData("<path d=\"M0 0h24v24H0z\"/><script>alert(1)</script>")]
    [InlineData("<image href=x onerror=alert(1) />")]
    [InlineData("")]
    public void AnyOtherText_IsRefused_BeforeItReachesThePage(string text)
    {
        Assert.False(IconMarkup.IsIcon(text));
        Assert.Throws<ArgumentException>(() => Render(IconMarkup.Svg(text, "mud-icon-size-small")));
    }

    [Fact]
    public void AnIconWithTextAdded_IsNoLongerAnIcon()
    {
        Assert.False(IconMarkup.IsIcon(Icons.Material.Filled.Savings + "<script>alert(1)</script>"));
        Assert.False(IconMarkup.IsIcon(Icons.Material.Filled.Savings[..^1]));
    }
}
