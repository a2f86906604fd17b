using AngleSharp.Html.Parser;
using BillingPortal.Components.Charts;
using BillingPortal.Features.Usage;

namespace BillingPortal.Tests.Components.Charts;

/// <summary>
/// The tables written as one piece of markup (chart twins, Usage run rows) carry names from API callers: each name must
/// come out as the characters it is, in text and in attributes, and never as an element or a broken-out attribute.
/// </summary>
public sealed class MarkupBuildersTests
{
    private const string Hostile = "\"><img src=x onerror=\"alert(1)\"><b>&amp;'";

    [Fact]
    public void ChartTable_WritesEveryCallerName_AsText_InCellsAndInTheRowButtonsLabel()
    {
        var html = ChartTableHtml.Write(Hostile, Hostile, [Hostile, "plain"], [new ChartSeries(Hostile, [1_000_000, 2_500]), new ChartSeries("tools", [3])], _ => true);

        var table = new HtmlParser().ParseDocument($"<body>{html.Value}</body>").Body!;
        Assert.Empty(table.QuerySelectorAll("img, b"));
        Assert.Equal(Hostile, table.QuerySelector("caption")!.TextContent);
        Assert.Equal([Hostile, Hostile, "tools", "Total"], table.QuerySelectorAll("thead th").Select(th => th.TextContent));
        var button = table.QuerySelector("tbody tr button")!;
        Assert.Equal(Hostile, button.TextContent);
        Assert.Equal($"Narrow to {Hostile}", button.GetAttribute("aria-label"));
        Assert.Equal(new[] { "data-bp-row", "type", "class", "data-testid", "aria-label" }.Order(), button.Attributes.Select(a => a.Name).Order());
    }

    [Fact]
    public void RunRow_WritesTheAgentRunIdAndKeyName_AsText_AndTheRunIdEscapedInItsLink()
    {
        var run = new RunRow(Hostile, Hostile, new DateTime(2026, 3, 10, 14, 30, 0, DateTimeKind.Utc), new DateTime(2026, 3, 10, 14, 31, 0, DateTimeKind.Utc), 3, 1_234_567, Hostile);

        var html = RunRowHtml.Write(run);

        var row = new HtmlParser().ParseDocument($"<table><tbody><tr>{html.Value}</tr></tbody></table>").QuerySelector("tr")!;
        Assert.Empty(row.QuerySelectorAll("img, b"));
        var cells = row.QuerySelectorAll("td").ToDictionary(td => td.GetAttribute("data-label")!, td => td.TextContent);
        Assert.Equal(Hostile, cells["Agent"]);
        Assert.Equal(Hostile, cells["Run"]);
        Assert.Equal(Hostile, cells["API key"]);
        var link = row.QuerySelector("a")!;
        Assert.Equal($"billing/usage/runs/{Uri.EscapeDataString(Hostile)}", link.GetAttribute("href"));
        Assert.Equal(new[] { "href", "class", "data-testid" }.Order(), link.Attributes.Select(a => a.Name).Order());
    }
}
