using BillingPortal.Components.Layout;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using MudBlazor;

namespace BillingPortal.Tests.Components.Layout;

/// <summary>
/// The app's theme provider writes what MudThemeProvider writes, light and dark, but every circuit holds the one shared
/// stylesheet string instead of a 23 KB copy of its own.
/// </summary>
public sealed class SharedThemeProviderTests : BunitContextBase
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Writes_WhatMudThemeProviderWrites(bool dark)
    {
        var mud = Render<MudThemeProvider>(p => p.Add(t => t.Theme, BillingTheme.Theme).Add(t => t.IsDarkMode, dark));
        var shared = Render<SharedThemeProvider>(p => p.Add(t => t.Theme, BillingTheme.Theme).Add(t => t.IsDarkMode, dark));

        Assert.Equal(mud.Markup, shared.Markup);
        Assert.Contains("--mud-palette-primary", shared.Markup);
    }

    [Fact]
    public void DarkAndLight_AreDifferentStylesheets()
    {
        var light = Render<SharedThemeProvider>(p => p.Add(t => t.Theme, BillingTheme.Theme).Add(t => t.IsDarkMode, false)).Markup;
        var dark = Render<SharedThemeProvider>(p => p.Add(t => t.Theme, BillingTheme.Theme).Add(t => t.IsDarkMode, true)).Markup;

        Assert.NotEqual(light, dark);
    }

    [Fact]
    public void EqualStylesheets_AreOneString()
    {
        // Two circuits' renders build two equal strings; both are kept as the first one.
        var first = SharedThemeProvider.Share(new string('x', 3) + "shared-theme-test");
        var second = SharedThemeProvider.Share("xxx" + new string("shared-theme-test"));

        Assert.Same(first, second);
    }
}
