using BillingPortal.Components.Shared;
using BillingPortal.Domain;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BillingPortal.Features.Credits;

/// <summary>
/// The ledger's filters, made on first use (see the markup's comment for why). Tells its table each new filter.
/// </summary>
public partial class LedgerFilters
{
    internal enum Field { Types, From, To }

    private MudSelect<LedgerEntryType>? typesSelect;
    private MudDatePicker? fromPicker;
    private MudDatePicker? toPicker;
    private bool made;
    private (Field Field, bool Open)? focusOnRender;

    private IReadOnlyCollection<LedgerEntryType> types = [];
    private DateTime? from;
    private DateTime? to;

    /// <summary>Called with the filter each time a field changes.</summary>
    [Parameter, EditorRequired] public EventCallback<LedgerFilter> FilterChanged { get; set; }

    /// <summary>True once the fields have been made (on first use).</summary>
    internal bool IsMade => made;

    /// <summary>The filter the fields show.</summary>
    internal LedgerFilter Filter => new(types,
        from is { } f ? DateOnly.FromDateTime(f) : null,
        to is { } t ? DateOnly.FromDateTime(t) : null);

    private static readonly Func<LedgerEntryType, string?> TypeLabel = LedgerEntryTypeLabels.For;

    private void Make(Field field, bool open)
    {
        // A press is followed by the focus it gives: the first of the two makes the fields, the second changes nothing.
        // Tab gives the focus alone, and the made field then takes Enter or the arrows as MudSelect does.
        if (made)
            return;
        made = true;
        focusOnRender = (field, open);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (focusOnRender is not { } target)
            return;
        focusOnRender = null;
        // The stand-in that had the focus is gone: the made field takes it, so its keys work from there.
        switch (target.Field)
        {
            case Field.Types when typesSelect is not null:
                await typesSelect.FocusAsync();
                if (target.Open)
                    await typesSelect.OpenMenu();
                break;
            case Field.From or Field.To when (target.Field == Field.From ? fromPicker : toPicker) is { } picker:
                await picker.FocusAsync();
                if (target.Open)
                    await picker.OpenAsync();
                break;
        }
    }

    private Task TypesChanged(IEnumerable<LedgerEntryType>? selected)
    {
        IReadOnlyCollection<LedgerEntryType> chosen = [.. selected ?? []];
        // MudSelect tells its selection again when it is handed it back: only a real change reloads the ledger.
        if (chosen.Count == types.Count && chosen.All(types.Contains))
            return Task.CompletedTask;
        types = chosen;
        return FilterChanged.InvokeAsync(Filter);
    }

    private Task FromChanged(DateTime? date)
    {
        if (date == from)
            return Task.CompletedTask;
        from = date;
        return FilterChanged.InvokeAsync(Filter);
    }

    private Task ToChanged(DateTime? date)
    {
        if (date == to)
            return Task.CompletedTask;
        to = date;
        return FilterChanged.InvokeAsync(Filter);
    }
}
