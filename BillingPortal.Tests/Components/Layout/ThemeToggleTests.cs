using BillingPortal.Components.Layout;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using MudBlazor;
using MudBlazor.Extensions;

namespace BillingPortal.Tests.Components.Layout;

/// <summary>The dark-mode button is MudIconButton's markup until first hovered or focused, when its tooltip is made.</summary>
public sealed class ThemeToggleTests : BunitContextBase
{
    [Fact]
    public void BeforeAHover_IsTheLabelledButtonAlone_AndAClickToggles()
    {
        var toggled = 0;
        var cut = Render<ThemeToggle>(p => p.Add(t => t.IsDarkMode, false).Add(t => t.OnToggle, () => toggled++));

        Assert.Empty(cut.FindComponents<MudTooltip>());
        var button = cut.Find("button");
        Assert.Equal("Switch to dark mode", button.GetAttribute("aria-label"));
        Assert.Contains("mud-icon-button mud-inherit-text", button.ClassName);
        button.Click();
        Assert.Equal(1, toggled);
    }

    [Fact]
    public void AFocus_MakesTheTooltip_ShownWithTheSameLabel()
    {
        JSInterop.SetupModule("./Components/Layout/ThemeToggle.razor.js").SetupVoid("focusThemeToggle");
        var cut = Render<ThemeToggle>(p => p.Add(t => t.IsDarkMode, true));

        cut.Find(".mud-tooltip-root").FocusIn();

        var tooltip = cut.FindComponent<MudTooltip>();
        Assert.Equal("Switch to light mode", tooltip.Instance.Text);
        Assert.True(tooltip.Instance.GetState(t => t.Visible));
        Assert.Equal("Switch to light mode", cut.Find("button").GetAttribute("aria-label"));
    }
}
