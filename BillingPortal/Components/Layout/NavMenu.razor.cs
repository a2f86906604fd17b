using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor.Interfaces;

namespace BillingPortal.Components.Layout;

public partial class NavMenu
{
    private string path = "";

    /// <summary>The drawer, which closes on a link's click where it covers the page (as MudNavLink tells it).</summary>
    [CascadingParameter] private INavigationEventReceiver? Drawer { get; set; }

    private Task LinkClickedAsync(MouseEventArgs _) => Drawer?.OnNavigation() ?? Task.CompletedTask;

    protected override void OnInitialized()
    {
        path = CurrentPath();
        Navigation.LocationChanged += OnLocationChanged;
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var now = CurrentPath();
        if (now == path)
            return;
        path = now;
        _ = InvokeAsync(StateHasChanged);
    }

    /// <summary>The location relative to the base, without query or fragment, as NavLink compares it.</summary>
    private string CurrentPath()
    {
        var relative = Navigation.ToBaseRelativePath(Navigation.Uri);
        var end = relative.IndexOfAny(['?', '#']);
        return (end < 0 ? relative : relative[..end]).TrimEnd('/');
    }

    /// <summary>Whether a link to <paramref name="href"/> is the current page's (NavLink's rule, case-insensitive).</summary>
    internal static bool IsActive(string path, string href, bool matchAll) =>
        string.Equals(path, href, StringComparison.OrdinalIgnoreCase)
        || (!matchAll && path.StartsWith(href + "/", StringComparison.OrdinalIgnoreCase) && href.Length > 0);

    /// <summary>A drawer link; <paramref name="icon"/> is one of MudBlazor's Icons constants (written as markup), never caller text.</summary>
    private RenderFragment Link(string href, string text, string icon, bool matchAll = false) => builder =>
    {
        var active = IsActive(path, href, matchAll);
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-nav-item");
        builder.OpenElement(2, "a");
        builder.AddAttribute(3, "href", href);
        builder.AddAttribute(4, "class", active ? "mud-nav-link mud-ripple active" : "mud-nav-link mud-ripple");
        builder.AddAttribute(5, "aria-current", active ? "page" : null);
        builder.AddAttribute(6, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, LinkClickedAsync));
        builder.OpenElement(7, "svg");
        builder.AddAttribute(8, "class", "mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium mud-nav-link-icon mud-nav-link-icon-default");
        builder.AddAttribute(9, "focusable", "false");
        builder.AddAttribute(10, "viewBox", "0 0 24 24");
        builder.AddAttribute(11, "aria-hidden", "true");
        builder.AddAttribute(12, "role", "img");
        builder.AddMarkupContent(13, icon);
        builder.CloseElement();
        builder.OpenElement(14, "div");
        builder.AddAttribute(15, "class", "mud-nav-link-text");
        builder.AddContent(16, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;
}
