using BillingPortal.Components.Tables;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace BillingPortal.Tests.Components.Tables;

/// <summary>
/// PagedTable is MudTable's markup and behaviour as one component (a MudTable is a component per row, header cell,
/// sort label and pager button, kept by the circuit for its whole life): rows, sorting, paging and its selects.
/// </summary>
public sealed class PagedTableTests : BunitContextBase
{
    private static readonly IReadOnlyList<int> All = [.. Enumerable.Range(1, 57)];

    private static readonly IReadOnlyList<TableColumn> Columns =
        [new("Number", "Number"), new("Name"), new("Square", "Square", Style: "text-align:right")];

    private readonly List<TableState> loads = [];

    private Task<TableData<int>> LoadAsync(TableState state, CancellationToken ct)
    {
        loads.Add(state);
        var sorted = state.SortDirection == SortDirection.Descending ? All.Reverse() : All;
        return Task.FromResult(new TableData<int> { Items = [.. sorted.Skip(state.Page * state.PageSize).Take(state.PageSize)], TotalItems = All.Count });
    }

    private IRenderedComponent<PagedTable<int>> RenderTable(string? initialSort = null) => Render<PagedTable<int>>(p => p
        .Add(t => t.Columns, Columns).Add(t => t.ServerData, LoadAsync).Add(t => t.RowsPerPage, 10)
        .Add(t => t.InitialSortLabel, initialSort).Add(t => t.InitialSortDirection, SortDirection.Descending)
        .Add(t => t.Class, "mud-xs-table mud-table-dense mud-table-hover mud-elevation-1")
        .Add(t => t.RowTemplate, (RenderFragment<int>)(n => b => b.AddMarkupContent(0, $"<td class=\"mud-table-cell\">{n}</td>")))
        .AddUnmatched("data-testid", "numbers"));

    [Fact]
    public void FirstPage_IsRowsInMudTablesMarkup_WithNoComponentPerRowOrPagerButton()
    {
        var cut = RenderTable();

        cut.WaitForState(() => cut.FindAll("tbody tr").Count == 10);
        Assert.Equal("mud-table mud-xs-table mud-table-dense mud-table-hover mud-elevation-1", cut.Find("[data-testid=numbers]").ClassName);
        Assert.All(cut.FindAll("tbody tr"), row => Assert.Equal("mud-table-row", row.ClassName));
        Assert.Equal("1", cut.Find("tbody tr td").TextContent);
        Assert.Equal("1-10 of 57", cut.Find(".mud-table-page-number-information").TextContent);
        Assert.Empty(cut.FindComponents<MudTr>());
        Assert.Empty(cut.FindComponents<MudIconButton>());
        Assert.Empty(cut.FindComponents<MudSelect<int>>());
        // Only the two selects (closed stand-ins) are components of their own.
        Assert.Single(cut.FindComponents<LazySelect<int>>());
        Assert.Single(cut.FindComponents<LazySelect<TableColumn>>());
        Assert.Empty(cut.FindComponents<MudSelect<TableColumn>>());
    }

    [Fact]
    public void PagerButtons_ChangeThePage_AndAreDisabledAtTheEnds_WithTheirLabels()
    {
        var cut = RenderTable();
        cut.WaitForState(() => cut.FindAll("tbody tr").Count == 10);
        Assert.True(cut.Find("button[aria-label='Previous page']").HasAttribute("disabled"));
        Assert.True(cut.Find("button[aria-label='First page']").HasAttribute("disabled"));

        cut.Find("button[aria-label='Next page']").Click();
        cut.WaitForState(() => cut.Find("tbody tr td").TextContent == "11");
        Assert.Equal("11-20 of 57", cut.Find(".mud-table-page-number-information").TextContent);
        Assert.False(cut.Find("button[aria-label='Previous page']").HasAttribute("disabled"));

        cut.Find("button[aria-label='Last page']").Click();
        cut.WaitForState(() => cut.Find("tbody tr td").TextContent == "51");
        Assert.Equal("51-57 of 57", cut.Find(".mud-table-page-number-information").TextContent);
        Assert.True(cut.Find("button[aria-label='Next page']").HasAttribute("disabled"));
        Assert.Equal(5, loads[^1].Page);
    }

    [Fact]
    public void ASortLabel_SortsByItsColumn_AscendingThenDescending_AndSaysSoToScreenReaders()
    {
        var cut = RenderTable(initialSort: "Number");
        cut.WaitForState(() => cut.FindAll("tbody tr").Count == 10);
        Assert.Equal(SortDirection.Descending, loads[0].SortDirection);
        Assert.Equal("descending", cut.FindAll("th")[0].GetAttribute("aria-sort"));
        Assert.Equal("none", cut.FindAll("th")[2].GetAttribute("aria-sort"));
        Assert.Null(cut.FindAll("th")[1].GetAttribute("aria-sort"));

        cut.FindAll("th .mud-table-sort-label")[1].Click();
        cut.WaitForState(() => loads.Count == 2);
        Assert.Equal(("Square", SortDirection.Ascending), (loads[1].SortLabel, loads[1].SortDirection));
        Assert.Contains("mud-direction-asc", cut.FindAll("th")[2].QuerySelector("svg")!.ClassName);
        Assert.Equal("none", cut.FindAll("th")[0].GetAttribute("aria-sort"));

        cut.FindAll("th .mud-table-sort-label")[1].Click();
        cut.WaitForState(() => loads.Count == 3);
        Assert.Equal(("Square", SortDirection.Descending), (loads[2].SortLabel, loads[2].SortDirection));
        Assert.Equal("descending", cut.FindAll("th")[2].GetAttribute("aria-sort"));
    }

    [Fact]
    public void RowsPerPage_IsAClosedSelectInMudSelectsMarkup_LabelledByItsCaption_MadeOnFirstClick()
    {
        var cut = RenderTable();
        cut.WaitForState(() => cut.FindAll("tbody tr").Count == 10);
        var caption = cut.Find(".mud-table-pagination-information");
        var combobox = cut.Find(".mud-table-pagination-select [role=combobox]");
        Assert.Equal("10", combobox.TextContent);
        Assert.Equal(caption.Id, combobox.GetAttribute("aria-labelledby"));
        Assert.Equal("listbox", combobox.GetAttribute("aria-haspopup"));
        Assert.Equal("0", combobox.GetAttribute("tabindex"));

        combobox.KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter" });

        var select = cut.FindComponent<MudSelect<int>>();
        Assert.True(cut.FindComponents<LazySelect<int>>().Single().Instance.IsMade);
        cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(25));
        cut.WaitForState(() => cut.FindAll("tbody tr").Count == 25);
        Assert.Equal("1-25 of 57", cut.Find(".mud-table-page-number-information").TextContent);
        Assert.Equal((0, 25), (loads[^1].Page, loads[^1].PageSize));
    }

    [Fact]
    public void PhoneSortSelect_ListsTheSortableColumns_AndChoosingOneSortsByIt()
    {
        var cut = RenderTable(initialSort: "Number");
        cut.WaitForState(() => cut.FindAll("tbody tr").Count == 10);
        Assert.Equal("Number", cut.Find(".mud-table-smalldevices-sortselect [role=combobox]").TextContent);

        cut.Find(".mud-table-smalldevices-sortselect .mud-select").Click();

        var select = cut.FindComponent<MudSelect<TableColumn>>();
        cut.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(Columns[2]));
        cut.WaitForState(() => loads.Count == 2);
        Assert.Equal(("Square", SortDirection.Ascending), (loads[1].SortLabel, loads[1].SortDirection));
    }

    [Fact]
    public void NoRows_ShowsTheNoRecordsContent()
    {
        var cut = Render<PagedTable<int>>(p => p.Add(t => t.Columns, Columns)
            .Add(t => t.ServerData, (_, _) => Task.FromResult(new TableData<int> { Items = [], TotalItems = 0 }))
            .Add(t => t.RowTemplate, (RenderFragment<int>)(n => b => b.AddContent(0, n)))
            .Add(t => t.NoRecordsContent, (RenderFragment)(b => b.AddMarkupContent(0, "<p>Nothing here.</p>"))));

        cut.WaitForState(() => cut.FindAll(".mud-table-empty-row").Count == 1);
        Assert.Equal("Nothing here.", cut.Find(".mud-table-empty-row").TextContent);
        Assert.Equal("0-0 of 0", cut.Find(".mud-table-page-number-information").TextContent);
    }
}
