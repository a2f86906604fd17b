using BillingPortal.Components.Layout;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Extensions;

namespace BillingPortal.Tests.Components.Layout;

/// <summary>
/// The app bar's menus are their button alone until first opened (a closed MudMenu is about eight components every
/// circuit keeps), in MudMenu's markup; the first click makes the MudMenu and opens it, and it stays made.
/// </summary>
public sealed class AppBarMenuTests : BunitContextBase
{
    private static readonly RenderFragment Items = b => b.AddMarkupContent(0, "<p>item</p>");

    [Fact]
    public void Closed_IsMudMenusButtonAlone_WithItsLabelAndAria_AndNoComponentsBehindIt()
    {
        var cut = Render<AppBarMenu>(p => p.Add(m => m.Icon, Icons.Material.Filled.AccountCircle).Add(m => m.AriaLabel, "Account menu")
            .Add(m => m.ChildContent, Items).AddUnmatched("title", "finance@acme.test").AddUnmatched("data-testid", "account"));

        Assert.Empty(cut.FindComponents<MudMenu>());
        Assert.Empty(cut.FindComponents<MudIconButton>());
        var menu = cut.Find("[data-testid=account]");
        Assert.Equal("mud-menu", menu.ClassName);
        Assert.Equal("finance@acme.test", menu.GetAttribute("title"));
        var button = menu.QuerySelector("button")!;
        Assert.Equal("Account menu", button.GetAttribute("aria-label"));
        Assert.Equal("menu", button.GetAttribute("aria-haspopup"));
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        Assert.Contains("mud-icon-button mud-inherit-text", button.ClassName);
        Assert.NotNull(button.QuerySelector("svg.mud-icon-root"));
    }

    [Fact]
    public void ALabelThatLooksLikeMarkup_IsShownAsText()
    {
        const string name = "<img src=x onerror=alert(1)><b>Acme</b>";
        var cut = Render<AppBarMenu>(p => p.Add(m => m.Label, name).Add(m => m.StartIcon, Icons.Material.Filled.Business)
            .Add(m => m.ChildContent, Items));

        var button = cut.Find("button");
        Assert.Equal(name, button.TextContent);
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("b"));
    }

    [Fact]
    public void TextMenu_ShowsItsLabelBetweenItsIcons_AsMudButtonDoes()
    {
        var cut = Render<AppBarMenu>(p => p.Add(m => m.Label, "Acme AI").Add(m => m.StartIcon, Icons.Material.Filled.Business)
            .Add(m => m.EndIcon, Icons.Material.Filled.UnfoldMore).Add(m => m.Class, "bp-workspace-switcher").Add(m => m.ChildContent, Items));

        Assert.Equal("mud-menu bp-workspace-switcher", cut.Find("div").ClassName);
        var label = cut.Find("button .mud-button-label");
        Assert.Equal("Acme AI", label.TextContent);
        Assert.NotNull(label.QuerySelector(".mud-button-icon-start svg"));
        Assert.NotNull(label.QuerySelector(".mud-button-icon-end svg"));
    }

    [Fact]
    public void FirstClick_MakesTheMudMenu_OpensIt_AndTellsTheOwner_AndItStays()
    {
        var opened = new List<bool>();
        var cut = Render<AppBarMenu>(p => p.Add(m => m.Icon, Icons.Material.Filled.Notifications).Add(m => m.AriaLabel, "Notifications")
            .Add(m => m.OpenChanged, (bool open) => opened.Add(open)).Add(m => m.ChildContent, Items).AddUnmatched("data-testid", "bell"));

        cut.Find("button").Click();

        cut.WaitForAssertion(() => Assert.True(cut.FindComponent<MudMenu>().Instance.GetState(x => x.Open)));
        Assert.Equal([true], opened);
        Assert.Equal("Notifications", cut.Find("[data-testid=bell] button").GetAttribute("aria-label"));
        Assert.True(cut.Instance.IsMade);
    }
}
