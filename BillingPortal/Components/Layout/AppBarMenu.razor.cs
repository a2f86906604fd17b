using BillingPortal.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace BillingPortal.Components.Layout;

/// <summary>
/// A <see cref="MudMenu"/> for the app bar, made on its first open: a circuit keeps every component it renders for as
/// long as it lives, and a closed MudMenu is about eight of them. The stand-in is the menu's button in MudMenu's markup;
/// a click (or Enter or Space on it, which a button turns into a click) makes the MudMenu, opens it and puts the focus
/// on its button, where a keyboard user's focus was.
/// </summary>
public partial class AppBarMenu
{
    private const string ModulePath = "./Components/Layout/AppBarMenu.razor.js";
    private readonly string key = Guid.NewGuid().ToString("N");
    private MudMenu? menu;
    private IJSObjectReference? module;
    private bool made;
    private bool openOnRender;

    /// <summary>An icon button (as MudMenu's <c>Icon</c>); otherwise a text button with <see cref="Label"/>.</summary>
    // The icons are SVG markup written as markup, as MudIcon writes them: only MudBlazor's Icons constants, never
    // caller text. The label is text (a workspace name is data) and is always escaped.
    [Parameter] public string? Icon { get; set; }
    [Parameter] public string? Label { get; set; }
    [Parameter] public string? StartIcon { get; set; }
    [Parameter] public string? EndIcon { get; set; }
    [Parameter] public string? AriaLabel { get; set; }
    [Parameter] public string? Class { get; set; }
    [Parameter] public string? ListClass { get; set; }
    [Parameter] public int? MaxHeight { get; set; }
    [Parameter] public bool Dense { get; set; }
    [Parameter] public Origin AnchorOrigin { get; set; } = Origin.TopLeft;
    [Parameter] public Origin TransformOrigin { get; set; } = Origin.TopLeft;
    [Parameter] public EventCallback<bool> OpenChanged { get; set; }
    [Parameter] public RenderFragment? ChildContent { get; set; }

    /// <summary>Other attributes (<c>title</c>, <c>data-testid</c>) land on the menu's element, before and after.</summary>
    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    /// <summary>True once the MudMenu has been made (on the first open).</summary>
    internal bool IsMade => made;

    private void Make() => (made, openOnRender) = (true, true);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!openOnRender || menu is null)
            return;
        openOnRender = false;
        await menu.OpenMenuAsync(EventArgs.Empty);
        // The stand-in that had the focus is gone; its successor gets it, so the menu's keys work from there.
        try
        {
            module ??= await JS.InvokeAsync<IJSObjectReference?>("import", ModulePath);
            if (module is not null)
                await module.InvokeVoidAsync("focusActivator", key);
        }
        catch (JSDisconnectedException)
        {
            // The tab went away meanwhile.
        }
    }

    /// <summary>MudButton's label: start icon, text, end icon, with no white space between (it shows when the label is a block).</summary>
    private RenderFragment ButtonLabel => builder =>
    {
        if (StartIcon is not null)
        {
            builder.OpenElement(0, "span");
            builder.AddAttribute(1, "class", "mud-button-icon-start mud-button-icon-size-medium");
            builder.AddContent(2, Svg(StartIcon));
            builder.CloseElement();
        }
        builder.AddContent(3, Label);
        if (EndIcon is not null)
        {
            builder.OpenElement(4, "span");
            builder.AddAttribute(5, "class", "mud-button-icon-end mud-button-icon-size-medium");
            builder.AddContent(6, Svg(EndIcon));
            builder.CloseElement();
        }
    };

    /// <summary>MudIcon's SVG for one of MudBlazor's icon constants, without a MudIcon component.</summary>
    private static RenderFragment Svg(string icon) => IconMarkup.Svg(icon, "mud-icon-size-medium");

    public async ValueTask DisposeAsync()
    {
        if (module is null)
            return;
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // Nothing to release in a browser that is gone.
        }
    }
}
