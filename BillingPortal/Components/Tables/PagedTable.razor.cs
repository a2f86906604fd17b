using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BillingPortal.Components.Tables;

/// <summary>
/// Pages of rows loaded from the server, in MudTable's markup and with its behaviour (sort labels that cycle
/// ascending and descending, a phone-width sort select, a pager with rows per page), as one component: see the
/// markup's comment for why. Loads take MudBlazor's <see cref="TableState"/> and return its <see cref="TableData{T}"/>.
/// </summary>
public partial class PagedTable<T> : IDisposable
{
    private readonly string rowsPerPageId = "tablepager-rows-per-page" + Guid.NewGuid().ToString("N")[..8];
    private IReadOnlyList<T> items = [];
    private int total;
    private int page;
    private int pageSize;
    private bool loading;
    private bool loaded;
    private TableColumn? sortColumn;
    private SortDirection sortDirection = SortDirection.None;
    private CancellationTokenSource? loadCancellation;

    [Parameter, EditorRequired] public IReadOnlyList<TableColumn> Columns { get; set; } = [];
    [Parameter, EditorRequired] public Func<TableState, CancellationToken, Task<TableData<T>>> ServerData { get; set; } = default!;
    [Parameter, EditorRequired] public RenderFragment<T> RowTemplate { get; set; } = default!;
    [Parameter] public RenderFragment? ToolBarContent { get; set; }
    [Parameter] public RenderFragment? NoRecordsContent { get; set; }

    /// <summary>Shown above the pager's own bar.</summary>
    [Parameter] public RenderFragment? PagerContent { get; set; }

    /// <summary>MudTable's classes after <c>mud-table</c> (breakpoint, dense, hover, elevation).</summary>
    [Parameter] public string Class { get; set; } = "mud-table-dense mud-elevation-1";
    [Parameter] public bool Dense { get; set; } = true;
    [Parameter] public int RowsPerPage { get; set; } = 10;
    [Parameter] public IReadOnlyList<int> PageSizeOptions { get; set; } = [10, 25, 50, 100];
    [Parameter] public Color LoadingProgressColor { get; set; } = Color.Default;

    /// <summary>The column sorted by at first (by its sort label), and in which direction.</summary>
    [Parameter] public string? InitialSortLabel { get; set; }
    [Parameter] public SortDirection InitialSortDirection { get; set; } = SortDirection.Ascending;

    /// <summary>Other attributes (<c>data-testid</c>) land on the table's element.</summary>
    [Parameter(CaptureUnmatchedValues = true)] public IReadOnlyDictionary<string, object>? Attributes { get; set; }

    /// <summary>The page shown (from 0).</summary>
    public int CurrentPage => page;

    private IReadOnlyList<TableColumn> SortColumns => [.. Columns.Where(c => c.SortLabel is not null)];
    private TableColumn SortColumn => sortColumn!;
    private int LastPage => total == 0 ? 0 : (total - 1) / pageSize;
    private bool BackDisabled => page == 0;
    private bool ForwardDisabled => (page + 1) * pageSize >= total;
    private string PageInfo => total == 0 ? "0-0 of 0" : $"{page * pageSize + 1}-{Math.Min((page + 1) * pageSize, total)} of {total}";

    protected override void OnInitialized()
    {
        pageSize = RowsPerPage;
        sortColumn = Columns.FirstOrDefault(c => c.SortLabel is not null && c.SortLabel == InitialSortLabel);
        if (sortColumn is not null)
            sortDirection = InitialSortDirection;
    }

    protected override Task OnAfterRenderAsync(bool firstRender) => firstRender ? LoadAsync() : Task.CompletedTask;

    /// <summary>Loads the current page again (after the caller's filter changed); a page past the end becomes the last.</summary>
    public Task ReloadServerData() => LoadAsync();

    private string DirectionOf(TableColumn column) => column != sortColumn ? "none" : sortDirection switch
    {
        SortDirection.Ascending => "asc",
        SortDirection.Descending => "desc",
        _ => "none",
    };

    private string? AriaSort(TableColumn column) => column.SortLabel is null ? null : DirectionOf(column) switch
    {
        "asc" => "ascending",
        "desc" => "descending",
        _ => "none",
    };

    // As MudTableSortLabel: a new column sorts ascending; the sorted one toggles between ascending and descending.
    private Task SortByHeaderAsync(TableColumn column)
    {
        sortDirection = column == sortColumn && sortDirection == SortDirection.Ascending ? SortDirection.Descending : SortDirection.Ascending;
        sortColumn = column;
        return LoadAsync();
    }

    private Task SortBySelectAsync(TableColumn column)
    {
        if (column != sortColumn || sortDirection == SortDirection.None)
            (sortColumn, sortDirection) = (column, SortDirection.Ascending);
        return LoadAsync();
    }

    private Task GoToAsync(int target)
    {
        page = Math.Clamp(target, 0, LastPage);
        return LoadAsync();
    }

    private Task SetRowsPerPageAsync(int size)
    {
        (pageSize, page) = (size, 0);
        return LoadAsync();
    }

    private async Task LoadAsync()
    {
        loadCancellation?.Cancel();
        loadCancellation?.Dispose();
        var cancellation = loadCancellation = new CancellationTokenSource();
        loading = true;
        StateHasChanged();
        TableData<T> data;
        try
        {
            data = await ServerData(new TableState
            {
                Page = page,
                PageSize = pageSize,
                SortLabel = sortColumn?.SortLabel,
                SortDirection = sortColumn is null ? SortDirection.None : sortDirection,
            }, cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return;
        }
        if (cancellation.IsCancellationRequested)
            return;
        (items, total, loading, loaded) = ([.. data.Items ?? []], data.TotalItems, false, true);
        if (page > LastPage)
        {
            page = LastPage;
            await LoadAsync();
            return;
        }
        StateHasChanged();
    }

    public void Dispose()
    {
        loadCancellation?.Cancel();
        loadCancellation?.Dispose();
    }
}
