using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace BillingPortal.Components.Tables;

/// <summary>
/// A <see cref="MudSelect{T}"/> made on its first use (see the markup's comment for why); a table's rows-per-page and
/// phone sort selects are this.
/// </summary>
public partial class LazySelect<T>
{
    private MudSelect<T>? select;
    private bool made;
    private bool openOnRender;

    /// <summary>The choices, in order.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<T> Options { get; set; } = [];

    /// <summary>The chosen value.</summary>
    [Parameter] public T Value { get; set; } = default!;

    /// <summary>Called with a newly chosen value.</summary>
    [Parameter] public EventCallback<T> ValueChanged { get; set; }

    /// <summary>How a value reads (in the closed select and in the list).</summary>
    [Parameter] public Func<T, string?> Text { get; set; } = value => value?.ToString();

    [Parameter] public string? Label { get; set; }
    [Parameter] public string? Class { get; set; }
    [Parameter] public string? AriaLabelledBy { get; set; }
    [Parameter] public bool Underline { get; set; } = true;
    [Parameter] public bool Dense { get; set; }

    /// <summary>True once the MudSelect has been made (on first use).</summary>
    internal bool IsMade => made;

    private string? TextOf(T value) => Text(value);

    private string InputClass => "mud-input mud-input-text mud-input-adorned-end" + (Underline ? " mud-input-underline" : "")
        + " mud-shrink mud-typography-subtitle1 mud-select-input mud-input-sizing-fixed";

    private void Make() => (made, openOnRender) = (true, true);

    private void KeyDown(KeyboardEventArgs e)
    {
        if (e.Key is "Enter" or " " or "ArrowDown" or "ArrowUp")
            Make();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!openOnRender || select is null)
            return;
        openOnRender = false;
        // The stand-in that had the focus is gone: the select takes it, so its keys work from there.
        await select.FocusAsync();
        await select.OpenMenu();
    }
}
