using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using BillingPortal.Components.Shared;
using BillingPortal.Domain;
using BillingPortal.Domain.Text;
using Microsoft.AspNetCore.Components;

namespace BillingPortal.Features.Usage;

/// <summary>
/// A row of the Usage runs table as one piece of HTML: MudTd's and MudLink's markup, written as Razor, was about forty
/// render-tree frames a row, which a circuit keeps (twice: its current and previous render) for its whole life. The row
/// has nothing to click but its run link, which Blazor's router follows as any link. Every text in it is HTML-encoded.
/// </summary>
internal static class RunRowHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static MarkupString Write(RunRow run)
    {
        var html = new StringBuilder(640);
        Cell(html, "Started", DateText.MomentToSecond(run.FirstAt));
        Cell(html, "Agent", run.Agent);
        html.Append("<td class=\"mud-table-cell\" data-label=\"Run\"><a href=\"")
            .Append(Encoder.Encode($"billing/usage/runs/{Uri.EscapeDataString(run.RunId)}"))
            .Append("\" class=\"mud-typography mud-link mud-primary-text mud-link-underline-hover\" data-testid=\"run-link\">")
            .Append(Encoder.Encode(run.RunId)).Append("</a></td>");
        Cell(html, "Events", run.Events.ToString(CultureInfo.CurrentCulture));
        Cell(html, "API key", run.ApiKeyName ?? UsageQueryService.NoApiKeyName);
        html.Append("<td class=\"mud-table-cell\" data-label=\"Cost\" style=\"text-align:right\">");
        MoneyText.AppendInlineHtml(html, new Money(run.CostMicros), testId: "run-cost");
        html.Append("</td>");
        return new MarkupString(html.ToString());
    }

    private static void Cell(StringBuilder html, string label, string text) =>
        html.Append("<td class=\"mud-table-cell\" data-label=\"").Append(label).Append("\">").Append(Encoder.Encode(text)).Append("</td>");
}
