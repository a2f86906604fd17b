using Microsoft.AspNetCore.Http;

namespace BillingPortal.Components.Layout;

/// <summary>
/// The <c>bp-theme</c> cookie MainLayout writes when the theme is chosen or detected ("dark" or "light"): read on the
/// server so the first render, and every chart in it, is already in the right theme.
/// </summary>
public static class ThemeCookie
{
    public const string Name = "bp-theme";

    /// <summary>The name of the cascading value that carries it from <c>Routes</c> to the layout.</summary>
    public const string CascadeName = "InitialDarkMode";

    /// <summary>True for "dark", false for "light", null when absent or anything else.</summary>
    public static bool? Read(HttpContext? context) =>
        context?.Request.Cookies[Name] switch { "dark" => true, "light" => false, _ => null };
}
