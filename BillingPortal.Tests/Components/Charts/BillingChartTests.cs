using BillingPortal.Components.Charts;
using BillingPortal.Components.Shared;
using BillingPortal.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace BillingPortal.Tests.Components.Charts;

public sealed class BillingChartTests : BunitContextBase
{
    /// <summary>The options a draw sent to the module, as JSON text (read back as the module's JSON.parse would).</summary>
    internal static ChartOptions Sent(JSRuntimeInvocation draw) =>
        System.Text.Json.JsonSerializer.Deserialize<ChartOptions>(Assert.IsType<string>(draw.Arguments[1]), BillingChart.OptionsJson)!;

    private static readonly string[] Days = ["Mar 1", "Mar 2", "Mar 3"];
    private static readonly ChartSeries[] LineItems =
    [
        new("LLM tokens", [1_250_000, 0, 3_000_001]),
        new("Tool calls", [10_000, 20_000, 5]),
    ];

    private IRenderedComponent<BillingChart> RenderChart(ChartKind kind, bool? dark = null, Action<ChartPointClick>? onClick = null) =>
        Render<BillingChart>(p => p
            .Add(c => c.Kind, kind)
            .Add(c => c.Title, "Spend by day")
            .Add(c => c.CategoryHeader, "Day")
            .Add(c => c.Categories, Days)
            .Add(c => c.Series, LineItems)
            .Add(c => c.IsDarkMode, dark)
            .Add(c => c.OnPointClick, onClick ?? (_ => { })));

    [Fact]
    public void Render_StackedBar_SendsTheCategoriesAndEverySeriesInMicrosToTheModule()
    {
        var module = JSInterop.SetupModule(BillingChart.ModulePath);

        RenderChart(ChartKind.StackedBar, dark: true);

        var draw = module.VerifyInvoke("render");
        // The names the module reads (o.kind, o.series[i].values, ...): camelCase, as JS interop writes an object.
        Assert.Contains("\"series\":[{\"name\":\"LLM tokens\",\"values\":[1250000,0,3000001]}", Assert.IsType<string>(draw.Arguments[1]));
        var options = Sent(draw);
        Assert.Equal("stackedBar", options.Kind);
        Assert.Equal(Days, options.Categories);
        Assert.Equal(["LLM tokens", "Tool calls"], options.Series.Select(s => s.Name));
        Assert.Equal([1_250_000L, 0, 3_000_001], options.Series[0].Values);
        Assert.Equal([10_000L, 20_000, 5], options.Series[1].Values);
        Assert.Equal("dark", options.Mode);
        Assert.Equal("en-US", options.Locale);
    }

    [Theory]
    [InlineData(true, "dark")]
    [InlineData(false, "light")]
    [InlineData(null, "auto")]
    public void Render_FollowsACascadedThemeOrLeavesItToThePage(bool? cascadedDark, string expectedMode)
    {
        var module = JSInterop.SetupModule(BillingChart.ModulePath);

        Render<CascadingValue<bool?>>(p => p
            .Add(c => c.Name, "IsDarkMode")
            .Add(c => c.Value, cascadedDark)
            .AddChildContent<BillingChart>(chart => chart
                .Add(c => c.Title, "Spend")
                .Add(c => c.Categories, Days)
                .Add(c => c.Series, LineItems)));

        Assert.Equal(expectedMode, Sent(module.VerifyInvoke("render")).Mode);
    }

    [Fact]
    public void Render_Donut_SendsOnlyTheFirstSeriesAsSlices()
    {
        var module = JSInterop.SetupModule(BillingChart.ModulePath);

        RenderChart(ChartKind.Donut, dark: false);

        var options = Sent(module.VerifyInvoke("render"));
        Assert.Equal("donut", options.Kind);
        Assert.Equal("light", options.Mode);
        Assert.Equal([1_250_000L, 0, 3_000_001], Assert.Single(options.Series).Values);
    }

    [Fact]
    public void TableTwin_ShowsTheSameNumbersAsDollarsWithARowTotal()
    {
        JSInterop.SetupModule(BillingChart.ModulePath);

        var cut = RenderChart(ChartKind.StackedBar);

        var table = cut.Find("[data-testid=chart-table]");
        Assert.Equal("Spend by day", table.QuerySelector("caption")!.TextContent);
        Assert.Equal(["Day", "LLM tokens", "Tool calls", "Total"], table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        var rows = table.QuerySelectorAll("tbody tr").Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();
        Assert.Equal(["Mar 1", "$1.25", "$0.01", "$1.26"], rows[0]);
        Assert.Equal(["Mar 3", "$3.00", "<$0.01", "$3.00"], rows[2]); // a non-zero amount is never "$0.00"
    }

    [Fact]
    public void TableTwin_WritesItsAmountsWithoutAComponentPerCell_AndTitlesSubCentOnes()
    {
        // A component per cell (and a tooltip per sub-cent cell) was most of a Usage page circuit's memory.
        JSInterop.SetupModule(BillingChart.ModulePath);

        var cut = RenderChart(ChartKind.StackedBar);

        Assert.Empty(cut.FindComponents<MoneyText>());
        Assert.Empty(cut.FindComponents<MudBlazor.MudTooltip>());
        var lastRow = cut.FindAll("[data-testid=chart-table] tbody tr").Last().QuerySelectorAll("td .bp-money");
        Assert.Equal(["Exactly $3.000001", "Exactly $0.000005", "Exactly $3.000006"], lastRow.Select(a => a.GetAttribute("title")));
    }

    [Fact]
    public void ParametersChange_UpdatesTheDrawnChartInsteadOfDrawingAnother()
    {
        var module = JSInterop.SetupModule(BillingChart.ModulePath);
        var cut = RenderChart(ChartKind.Bar);

        cut.Render(p => p.Add(c => c.Series, [new ChartSeries("LLM tokens", [7, 8, 9])]));

        Assert.Single(module.Invocations, i => i.Identifier == "render");
        var options = Sent(module.VerifyInvoke("update"));
        Assert.Equal([7L, 8, 9], Assert.Single(options.Series).Values);
    }

    [Fact]
    public void ReRender_WithEqualData_DoesNotUpdate()
    {
        var module = JSInterop.SetupModule(BillingChart.ModulePath);
        var cut = RenderChart(ChartKind.Bar);

        cut.Render(p => p.Add(c => c.Categories, [.. Days]));

        Assert.DoesNotContain(module.Invocations, i => i.Identifier == "update");
    }

    [Fact]
    public async Task PointClickedInJs_ReportsTheCategoryAndSeriesByName()
    {
        JSInterop.SetupModule(BillingChart.ModulePath);
        ChartPointClick? clicked = null;
        var cut = RenderChart(ChartKind.StackedBar, onClick: p => clicked = p);

        await cut.InvokeAsync(() => cut.Instance.OnPointClickedAsync(2, 1));

        Assert.Equal(new ChartPointClick(2, "Mar 3", "Tool calls"), clicked);
    }

    [Fact]
    public async Task Dispose_DestroysTheChart()
    {
        var module = JSInterop.SetupModule(BillingChart.ModulePath);
        var cut = RenderChart(ChartKind.Donut);

        await cut.Instance.DisposeAsync();

        module.VerifyInvoke("destroy");
    }
}

public sealed class BillingChartNarrowingTests : BunitContextBase
{
    private static ChartOptions Sent(JSRuntimeInvocation draw) => BillingChartTests.Sent(draw);

    private static readonly string[] Models = ["claude", "gpt-4o", "o3", "Other"];
    private static readonly ChartSeries[] Spend = [new("Spend", [9_000_000, 5_000_000, 2_000_000, 1_000_123])];

    private IRenderedComponent<BillingChart> RenderDonut(Action<ChartPointClick> onClick, bool lastIsOther = true) =>
        Render<BillingChart>(p => p
            .Add(c => c.Kind, ChartKind.Donut)
            .Add(c => c.Title, "Spend by model")
            .Add(c => c.CategoryHeader, "Model")
            .Add(c => c.Categories, Models)
            .Add(c => c.Series, Spend)
            .Add(c => c.LastIsOther, lastIsOther)
            .Add(c => c.OnPointClick, onClick));

    [Fact]
    public void Donut_WithOther_SendsDistinctColours_AndGreyForOther()
    {
        var module = JSInterop.SetupModule(BillingChart.ModulePath);

        RenderDonut(_ => { });

        var colors = Sent(module.VerifyInvoke("render")).Colors;
        Assert.Equal(4, colors.Count);
        Assert.Equal(4, colors.Distinct().Count());
        Assert.Equal(ChartPalette.Other, colors[^1]);
    }

    [Fact]
    public void Palette_HasTenDistinctColours_AndNoSliceButOtherIsGrey()
    {
        Assert.Equal(10, ChartPalette.Colors.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain(ChartPalette.Other, ChartPalette.For(9));
        Assert.Equal(9, ChartPalette.For(9).Distinct().Count());
    }

    [Fact]
    public void Donut_Legend_IsMarkupWithEveryNameAsText()
    {
        JSInterop.SetupModule(BillingChart.ModulePath);

        var cut = RenderDonut(_ => { });

        Assert.Equal(Models, cut.FindAll("[data-testid=chart-legend] li").Select(li => li.TextContent));
    }

    [Fact]
    public async Task TableTwinRowButton_NarrowsLikeAClickOnTheSlice()
    {
        JSInterop.SetupModule(BillingChart.ModulePath);
        ChartPointClick? clicked = null;
        var cut = RenderDonut(p => clicked = p);

        var button = cut.FindAll("[data-testid=chart-row-button]")[1];
        Assert.Equal("Narrow to gpt-4o", button.GetAttribute("aria-label"));
        Assert.Equal("button", button.GetAttribute("type"));
        // The twin is markup: the module hands a row button's click to .NET with its data-bp-row and no series.
        Assert.Equal("1", button.GetAttribute("data-bp-row"));
        await cut.InvokeAsync(() => cut.Instance.OnPointClickedAsync(1, -1));

        Assert.Equal(new ChartPointClick(1, "gpt-4o", null), clicked);
    }

    [Fact]
    public void TableTwin_WritesNamesFromApiCallersAsText()
    {
        JSInterop.SetupModule(BillingChart.ModulePath);
        string[] names = ["<b>bold</b>", "a \"quoted\" & 'odd' name"];

        var cut = Render<BillingChart>(p => p
            .Add(c => c.Kind, ChartKind.Donut)
            .Add(c => c.Title, "Spend by <i>agent</i>")
            .Add(c => c.Categories, names)
            .Add(c => c.Series, [new ChartSeries("Spend", [1_000_000, 2_000_000])])
            .Add(c => c.OnPointClick, _ => { }));

        var table = cut.Find("[data-testid=chart-table]");
        Assert.Empty(table.QuerySelectorAll("b, i"));
        Assert.Equal("Spend by <i>agent</i>", table.QuerySelector("caption")!.TextContent);
        var buttons = table.QuerySelectorAll("[data-testid=chart-row-button]");
        Assert.Equal(names, buttons.Select(b => b.TextContent));
        Assert.Equal("Narrow to " + names[1], buttons[1].GetAttribute("aria-label"));
    }

    [Fact]
    public void TableTwin_FollowsNewData()
    {
        JSInterop.SetupModule(BillingChart.ModulePath);
        var cut = RenderDonut(_ => { });
        var before = cut.Find("[data-testid=chart-table] tbody").InnerHtml;

        cut.Render(p => p.Add(c => c.Series, [new ChartSeries("Spend", [1_000_000, 2_000_000, 3_000_000, 4_000_000])]));

        Assert.NotEqual(before, cut.Find("[data-testid=chart-table] tbody").InnerHtml);
        Assert.Equal("$4.00", cut.FindAll("[data-testid=chart-table] tbody tr").Last().QuerySelector("td")!.TextContent);
    }

    [Fact]
    public async Task Other_HasNoRowButton_AndAClickOnItsSliceIsIgnored()
    {
        JSInterop.SetupModule(BillingChart.ModulePath);
        ChartPointClick? clicked = null;
        var cut = RenderDonut(p => clicked = p);

        Assert.Equal(3, cut.FindAll("[data-testid=chart-row-button]").Count);
        await cut.InvokeAsync(() => cut.Instance.OnPointClickedAsync(3, 0));

        Assert.Null(clicked);
    }

    [Fact]
    public void WithoutOther_EveryRowHasAButton()
    {
        JSInterop.SetupModule(BillingChart.ModulePath);

        var cut = RenderDonut(_ => { }, lastIsOther: false);

        Assert.Equal(4, cut.FindAll("[data-testid=chart-row-button]").Count);
    }
}
