using System.CommandLine;
using BillingPortal.Cli.Api;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary>
/// <c>billing usage</c>: what usage cost from <c>--since</c> through today (UTC), by day, agent or model, read from the
/// cost report API's daily buckets and added up here.
/// </summary>
internal static class UsageCommand
{
    public const int MaxDays = 3660; // the cost report's longest daily range
    private const int DaysPerPage = 366; // its largest page

    public static Command Create(CliContext context)
    {
        var by = new Option<string>("--by") { Description = "Rows per day, agent or model.", DefaultValueFactory = _ => "day" };
        by.AcceptOnlyFromAmong("day", "agent", "model");
        var since = Options.Since(context, fallback: "30d");
        var json = Options.Json();
        var command = new Command("usage", "What usage cost, by day, agent or model.") { by, since, json };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(by)!, parse.GetValue(since)!.Value, parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string by, DateOnly since, bool json, CancellationToken ct)
    {
        var end = context.Today.AddDays(1); // exclusive: today counts
        if (since >= end)
            throw new CliException($"--since {Dates.Day(since)} is after today ({Dates.Day(context.Today)}, UTC).", ExitCodes.BadUsage);
        if (end.DayNumber - since.DayNumber > MaxDays)
            throw new CliException($"--since reaches back {end.DayNumber - since.DayNumber} days; the cost report covers at most {MaxDays}.", ExitCodes.BadUsage);

        var buckets = await ReadAsync(Session.Api(context), since, end, by, ct);
        var report = UsageReport.Build(by, since, end, buckets);
        if (json)
            Json.Write(context.Out, report);
        else
            Print(context.Out, report);
        return ExitCodes.Done;
    }

    private static async Task<List<CostBucket>> ReadAsync(ApiClient api, DateOnly start, DateOnly end, string by, CancellationToken ct)
    {
        var groupBy = by switch { "agent" => "&groupBy=agent", "model" => "&groupBy=model,lineItem", _ => "" };
        var buckets = new List<CostBucket>();
        string? page = null;
        do
        {
            var answer = await api.GetAsync<CostPage>(
                $"api/v1/billing/costs?start={Dates.Day(start)}&end={Dates.Day(end)}&bucket=1d&limit={DaysPerPage}{groupBy}"
                + (page is null ? "" : "&page=" + Uri.EscapeDataString(page)), ct);
            buckets.AddRange(answer.Data);
            page = answer.HasMore ? answer.NextPage : null;
        }
        while (page is not null);
        return buckets;
    }

    private static void Add(Table table, string by, string? agent, string? model, string? lineItem, string? day, string cost) => _ = by switch
    {
        "agent" => table.Add(agent, cost),
        "model" => table.Add(model, lineItem, cost),
        _ => table.Add(day, cost),
    };

    private static void Print(TextWriter output, UsageReport report)
    {
        output.WriteLine($"Usage from {report.Start} to {report.End} (UTC, end exclusive), by {report.By}");
        if (report.Data.Count == 0)
        {
            output.WriteLine("No usage.");
            return;
        }
        var table = report.By switch
        {
            "agent" => new Table(new Column("Agent"), new Column("Cost", AlignRight: true)),
            "model" => new Table(new Column("Model"), new Column("Line item"), new Column("Cost", AlignRight: true)),
            _ => new Table(new Column("Day"), new Column("Cost", AlignRight: true)),
        };
        foreach (var row in report.Data)
            Add(table, report.By, row.Agent, row.Model ?? "(none)", row.LineItem, row.Day, Money.Format(row.AmountMicros));
        Add(table, report.By, "Total", "Total", "", "Total", Money.Format(report.TotalMicros));
        table.Write(output);
    }
}
