using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using BillingPortal.Components.Shared;
using BillingPortal.Domain;
using Microsoft.AspNetCore.Components;

namespace BillingPortal.Components.Charts;

/// <summary>
/// A chart's table twin as one piece of HTML. Written as Razor it was a render-tree frame per element, attribute and
/// text (about 35 a row, so over a thousand for a 30-day chart of three line items), and a circuit keeps two buffers of
/// its components' frames for its whole life: the twin of "Spend by day" alone was about 100 KB a circuit. As markup it
/// is one frame and one string. Every text in it (titles, names from API callers, amounts) is HTML-encoded here.
/// </summary>
/// <remarks>
/// The row buttons carry their category's index in <c>data-bp-row</c>; the chart's module turns their clicks (a mouse,
/// or Enter and Space on the focused button) into <see cref="BillingChart.OnPointClickedAsync"/>, as a click on a bar.
/// </remarks>
internal static class ChartTableHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    /// <param name="visibleSeries">The series the chart draws (one for a donut).</param>
    /// <param name="selectable">Whether a category's row gets a button that narrows the page to it.</param>
    public static MarkupString Write(string title, string categoryHeader, IReadOnlyList<string> categories,
        IReadOnlyList<ChartSeries> visibleSeries, Func<int, bool> selectable)
    {
        var html = new StringBuilder(256 + categories.Count * 96 * (visibleSeries.Count + 2));
        html.Append("<table class=\"bp-chart-table\" data-testid=\"chart-table\"><caption>").Append(Encoder.Encode(title))
            .Append("</caption><thead><tr><th scope=\"col\">").Append(Encoder.Encode(categoryHeader)).Append("</th>");
        foreach (var series in visibleSeries)
            html.Append("<th scope=\"col\">").Append(Encoder.Encode(series.Name)).Append("</th>");
        if (visibleSeries.Count > 1)
            html.Append("<th scope=\"col\">Total</th>");
        html.Append("</tr></thead><tbody>");
        for (var i = 0; i < categories.Count; i++)
        {
            var name = Encoder.Encode(categories[i]);
            html.Append("<tr><th scope=\"row\">");
            if (selectable(i))
                html.Append("<button type=\"button\" class=\"bp-chart-row-button\" data-testid=\"chart-row-button\" data-bp-row=\"")
                    .Append(i.ToString(CultureInfo.InvariantCulture)).Append("\" aria-label=\"Narrow to ").Append(name).Append("\">")
                    .Append(name).Append("</button>");
            else
                html.Append(name);
            html.Append("</th>");
            long total = 0;
            foreach (var series in visibleSeries)
            {
                var value = ValueAt(series, i);
                total += value;
                Cell(html, value);
            }
            if (visibleSeries.Count > 1)
                Cell(html, total);
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        return new MarkupString(html.ToString());
    }

    /// <summary>A series' value for a category; a series shorter than the categories reads as zero there.</summary>
    public static long ValueAt(ChartSeries series, int index) => index < series.ValuesMicros.Count ? series.ValuesMicros[index] : 0;

    private static void Cell(StringBuilder html, long micros)
    {
        html.Append("<td>");
        MoneyText.AppendInlineHtml(html, new Money(micros));
        html.Append("</td>");
    }
}
