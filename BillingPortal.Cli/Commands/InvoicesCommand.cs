using System.CommandLine;
using BillingPortal.Cli.Api;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary><c>billing invoices</c>: invoices newest first, with where each one's PDF is read.</summary>
internal static class InvoicesCommand
{
    public static Command Create(CliContext context)
    {
        var limit = Options.Limit(20, 1000, "invoices");
        var json = Options.Json();
        var command = new Command("invoices", "Invoices, newest first.") { limit, json };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(limit), parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, int limit, bool json, CancellationToken ct)
    {
        var api = Session.Api(context);
        var invoices = new List<Invoice>();
        var more = false;
        // Pages of at most 100, by number; the last page may bring more than asked, so the list is cut to the limit.
        for (var page = 1; invoices.Count < limit; page++)
        {
            var answer = await api.GetAsync<InvoicePage>($"api/v1/billing/invoices?limit={Math.Min(100, limit)}&page={page}", ct);
            invoices.AddRange(answer.Data);
            more = answer.HasMore || invoices.Count > limit;
            if (!answer.HasMore)
                break;
        }
        invoices = [.. invoices.Take(limit)];

        if (json)
        {
            Json.Write(context.Out, new InvoiceList(invoices, more));
            return ExitCodes.Done;
        }
        if (invoices.Count == 0)
        {
            context.Out.WriteLine("No invoices yet.");
            return ExitCodes.Done;
        }
        var table = new Table(new Column("Number"), new Column("Kind"), new Column("Status"), new Column("Period"),
            new Column("Issued"), new Column("Due"), new Column("Total", AlignRight: true));
        foreach (var i in invoices)
            table.Add(i.Number, i.Kind, i.Status, $"{Dates.Day(i.PeriodStart)} to {Dates.Day(i.PeriodEnd)}",
                Dates.Day(i.IssuedAt), Dates.Day(i.DueAt), Money.Format(i.TotalMicros));
        table.Write(context.Out);
        context.Out.WriteLine($"PDFs: {api.Address("api/v1/billing/invoices/")}<id>/pdf with the same token (--json lists each pdfUrl).");
        if (more)
            context.Out.WriteLine($"Showing the latest {invoices.Count}; --limit shows more.");
        return ExitCodes.Done;
    }

    /// <param name="HasMore">Older invoices exist beyond <c>--limit</c>.</param>
    public sealed record InvoiceList(IReadOnlyList<Invoice> Data, bool HasMore);
}
