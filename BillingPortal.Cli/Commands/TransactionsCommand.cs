using System.CommandLine;
using BillingPortal.Cli.Api;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary><c>billing transactions</c>: the latest ledger entries, newest first, read page by page up to <c>--limit</c>.</summary>
internal static class TransactionsCommand
{
    /// <summary>The ledger's entry types as the API names them (<c>types=</c>); a test keeps this list equal to the app's.</summary>
    public static readonly string[] Types =
        ["Purchase", "AutoTopUp", "Usage", "Refund", "Grant", "Adjustment", "AllowanceReset", "Dispute", "InvoicedOverage"];

    private const int PageSize = 100; // the API's largest page

    public static Command Create(CliContext context)
    {
        var since = Options.Since(context, fallback: null);
        var type = new Option<string[]>("--type")
        {
            Description = $"Only these types (repeat or comma-separate): {string.Join(", ", Types)}.",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = ParseTypes,
        };
        var limit = Options.Limit(20, 1000, "entries");
        var json = Options.Json();
        var command = new Command("transactions", "The latest ledger entries (purchases, usage, refunds…), newest first.") { since, type, limit, json };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(since), parse.GetValue(type) ?? [], parse.GetValue(limit), parse.GetValue(json), ct));
        return command;
    }

    private static string[] ParseTypes(System.CommandLine.Parsing.ArgumentResult result)
    {
        var chosen = new List<string>();
        foreach (var name in result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (Types.FirstOrDefault(t => t.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } known)
                chosen.Add(known);
            else
                result.AddError($"--type must be one of {string.Join(", ", Types)}; '{name}' is not one.");
        }
        return [.. chosen.Distinct()];
    }

    private static async Task<int> RunAsync(CliContext context, DateOnly? since, string[] types, int limit, bool json, CancellationToken ct)
    {
        var api = Session.Api(context);
        var filter = (since is { } from ? $"&from={Dates.Day(from)}" : "") + (types.Length > 0 ? $"&types={string.Join(',', types)}" : "");
        var entries = new List<Transaction>();
        string? page = null;
        var more = false;
        do
        {
            var size = Math.Min(PageSize, limit - entries.Count);
            var answer = await api.GetAsync<TransactionPage>(
                $"api/v1/billing/transactions?limit={size}{filter}{(page is null ? "" : "&page=" + Uri.EscapeDataString(page))}", ct);
            entries.AddRange(answer.Data);
            page = answer.NextPage;
            more = answer.HasMore;
        }
        while (more && page is not null && entries.Count < limit);

        if (json)
            Json.Write(context.Out, new TransactionList(entries, more));
        else
            Print(context.Out, entries, more);
        return ExitCodes.Done;
    }

    private static void Print(TextWriter output, List<Transaction> entries, bool more)
    {
        if (entries.Count == 0)
        {
            output.WriteLine("No transactions.");
            return;
        }
        var table = new Table(new Column("Time (UTC)"), new Column("Type"), new Column("Description"),
            new Column("Credits", AlignRight: true), new Column("Allowance", AlignRight: true), new Column("Balance", AlignRight: true));
        foreach (var e in entries)
            table.Add(Dates.Minute(e.CreatedAt), e.Type, e.Description,
                e.CreditDeltaMicros == 0 ? "" : Money.Format(e.CreditDeltaMicros, signed: true),
                e.AllowanceDeltaMicros == 0 ? "" : Money.Format(e.AllowanceDeltaMicros, signed: true),
                Money.Format(e.BalanceAfterMicros));
        table.Write(output);
        if (more)
            output.WriteLine($"Showing the latest {entries.Count}; --limit or --since shows others.");
    }

    /// <param name="HasMore">Older entries match too, beyond <c>--limit</c>.</param>
    public sealed record TransactionList(IReadOnlyList<Transaction> Data, bool HasMore);
}
