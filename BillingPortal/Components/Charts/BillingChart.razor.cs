using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BillingPortal.Components.Charts;

/// <summary>
/// One ApexCharts chart of money amounts (micro-dollars, shown as $) drawn through a JS module:
/// rendered after the first render, updated when its data or theme changes, destroyed on dispose.
/// A table twin with the same numbers is always in the DOM for screen readers.
/// </summary>
public sealed partial class BillingChart(IJSRuntime js)
{
    public const string ModulePath = "./Components/Charts/BillingChart.razor.js";

    /// <summary>How the options are written for the module: camelCase, as JS interop writes objects.</summary>
    public static readonly JsonSerializerOptions OptionsJson = new(JsonSerializerDefaults.Web);

    private ElementReference host;
    private IJSObjectReference? module;
    private DotNetObjectReference<BillingChart>? selfReference;
    private byte[]? drawnHash;
    private bool showTable;
    private bool drawing;
    private MarkupString tableHtml;
    private TwinInputs? tableOf;

    /// <summary>Bars stacked by series, bars side by side, or a donut of the first series.</summary>
    [Parameter] public ChartKind Kind { get; set; } = ChartKind.StackedBar;

    /// <summary>What the chart shows; the table twin's caption.</summary>
    [Parameter, EditorRequired] public string Title { get; set; } = "";

    /// <summary>The header of the table twin's first column (e.g. "Day", "Agent").</summary>
    [Parameter] public string CategoryHeader { get; set; } = "Category";

    /// <summary>The x-axis categories (or the donut's slices).</summary>
    [Parameter, EditorRequired] public IReadOnlyList<string> Categories { get; set; } = [];

    /// <summary>The series, each with one micro-dollar value per category.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<ChartSeries> Series { get; set; } = [];

    /// <summary>Height of the drawing in pixels.</summary>
    [Parameter] public int Height { get; set; } = 300;

    /// <summary>
    /// The app's theme. When neither this nor a cascading value named "IsDarkMode" is given, the module
    /// follows the page's MudBlazor palette itself (and its light/dark toggle).
    /// </summary>
    [Parameter] public bool? IsDarkMode { get; set; }

    [CascadingParameter(Name = "IsDarkMode")] private bool? CascadedDarkMode { get; set; }

    /// <summary>Called when a bar or slice is clicked.</summary>
    [Parameter] public EventCallback<ChartPointClick> OnPointClick { get; set; }

    /// <summary>
    /// True when the last category is "Other" (the sum of the smaller slices): drawn grey, and neither its slice nor
    /// its table row narrows anything, since no single name stands behind it.
    /// </summary>
    [Parameter] public bool LastIsOther { get; set; }

    /// <summary>A <c>data-testid</c> for the chart's wrapper.</summary>
    [Parameter] public string? TestId { get; set; }

    private IReadOnlyList<ChartSeries> VisibleSeries => Kind == ChartKind.Donut ? [.. Series.Take(1)] : Series;

    private static long ValueAt(ChartSeries series, int index) => ChartTableHtml.ValueAt(series, index);

    // The twin is written again only when what it shows changes: a parent's re-render with the same data keeps the one
    // string (both of the circuit's frame buffers then point at it, not at two copies).
    protected override void OnParametersSet()
    {
        var inputs = new TwinInputs(Categories, Series, Kind, LastIsOther, OnPointClick.HasDelegate, Title, CategoryHeader);
        if (inputs == tableOf)
            return;
        tableOf = inputs;
        tableHtml = ChartTableHtml.Write(Title, CategoryHeader, Categories, VisibleSeries, Selectable);
    }

    /// <summary>What the table twin was written from; the lists compare by reference (a new list is new data).</summary>
    private sealed record TwinInputs(IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series, ChartKind Kind,
        bool LastIsOther, bool Clickable, string Title, string CategoryHeader);

    /// <summary>The options as the module receives them.</summary>
    public ChartOptions BuildOptions() => new(
        Kind switch { ChartKind.Donut => "donut", ChartKind.Bar => "bar", _ => "stackedBar" },
        Categories,
        [.. VisibleSeries.Select(s => new ChartSeriesOptions(s.Name, [.. Categories.Select((_, i) => ValueAt(s, i))]))],
        Height,
        (IsDarkMode ?? CascadedDarkMode) switch { true => "dark", false => "light", null => "auto" },
        CultureInfo.CurrentCulture.Name is { Length: > 0 } name ? name : "en-US",
        Title,
        Kind == ChartKind.Donut ? ChartPalette.For(Categories.Count, LastIsOther) : ChartPalette.For(VisibleSeries.Count));

    /// <summary>Whether a bar, slice or table row of <paramref name="categoryIndex"/> narrows the page.</summary>
    private bool Selectable(int categoryIndex) =>
        OnPointClick.HasDelegate && categoryIndex >= 0 && categoryIndex < Categories.Count && !(LastIsOther && categoryIndex == Categories.Count - 1);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // A render that arrives while the first draw still awaits the module would draw a second chart on the
        // same element: one draw at a time, and the running one re-checks the options when it is done.
        if (drawing)
            return;
        drawing = true;
        try
        {
            while (await DrawIfChangedAsync()) { }
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone; there is nothing left to draw on.
        }
        finally
        {
            drawing = false;
        }
    }

    /// <summary>Draws the current options unless they are what is drawn; true when it drew.</summary>
    private async Task<bool> DrawIfChangedAsync()
    {
        // Sent as JSON text written with the app's one set of serializer options: passed as an object, each circuit's
        // JSRuntime (whose serializer options are its own) would build and keep its own metadata and emitted accessors
        // for these types. Compared as JSON so a parent re-render with equal data does not redraw the chart; kept as its
        // hash, since the JSON of a 90-day chart is tens of KB that the circuit would hold for its whole life.
        var options = JsonSerializer.Serialize(BuildOptions(), OptionsJson);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(options));
        if (drawnHash is not null && hash.AsSpan().SequenceEqual(drawnHash))
            return false;
        if (module is null)
        {
            module = await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            selfReference = DotNetObjectReference.Create(this);
            await module.InvokeVoidAsync("render", host, options, selfReference);
        }
        else
        {
            await module.InvokeVoidAsync("update", host, options);
        }
        drawnHash = hash;
        return true;
    }

    /// <summary>
    /// Called by the module when a bar or slice is clicked, or a table twin's row button (with a series index of -1):
    /// the same narrowing, by keyboard too.
    /// </summary>
    [JSInvokable]
    public Task OnPointClickedAsync(int categoryIndex, int seriesIndex)
    {
        if (!Selectable(categoryIndex))
            return Task.CompletedTask;
        var seriesName = Kind != ChartKind.Donut && seriesIndex >= 0 && seriesIndex < Series.Count ? Series[seriesIndex].Name : null;
        return OnPointClick.InvokeAsync(new ChartPointClick(categoryIndex, Categories[categoryIndex], seriesName));
    }

    public async ValueTask DisposeAsync()
    {
        if (module is not null)
        {
            try
            {
                await module.InvokeVoidAsync("destroy", host);
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser already dropped the chart with the page.
            }
        }
        selfReference?.Dispose();
    }
}
