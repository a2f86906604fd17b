using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using BillingPortal.Cli.Api;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary>
/// <c>billing budgets list|set|delete</c>: the workspace's spend limits. <c>set</c> without <c>--id</c> makes one; with it,
/// changes only the options given (the rest are read first and sent back as they were). The server checks every field.
/// </summary>
internal static class BudgetsCommand
{
    private const string Path = "api/v1/billing/budgets";

    public static Command Create(CliContext context) =>
        new("budgets", "Spend limits per workspace, agent, API key or member: list, set or delete them.")
        {
            Options.WithJson("list", "The budgets, each with its spend and holds this period.", (json, ct) => ListAsync(context, json, ct)),
            Set(context),
            Delete(context),
        };

    private static Command Set(CliContext context)
    {
        var id = new Option<Guid?>("--id") { Description = "The budget to change (from budgets list); without it a new one is made." };
        var scope = new Option<string?>("--scope") { Description = "workspace, agent, apiKey or member.", HelpName = "SCOPE" };
        var target = new Option<string?>("--target") { Description = "The agent's name, the API key's id or the member's user id (none for workspace)." };
        var period = new Option<string?>("--period") { Description = "day, week or month (UTC), or billingPeriod.", HelpName = "PERIOD" };
        var limit = new Option<long?>("--limit") { Description = "The limit in dollars, like 25 or 25.50.", HelpName = "DOLLARS", CustomParser = ParseLimit };
        var action = new Option<string?>("--action") { Description = "notify (alerts only) or block (refuse new runs once used up); default notify.", HelpName = "ACTION" };
        var thresholds = new Option<IReadOnlyList<int>?>("--thresholds") { Description = "Alert at these percentages of the limit, like 50,80,100 (the default).", CustomParser = ParseThresholds };
        var json = Options.Json();
        var command = new Command("set", "Make a budget, or change one with --id.") { id, scope, target, period, limit, action, thresholds, json };
        command.SetAction((parse, ct) => SetAsync(context, parse.GetValue(id),
            new Given(parse.GetValue(scope), parse.GetValue(target), parse.GetValue(period), parse.GetValue(limit), parse.GetValue(action), parse.GetValue(thresholds)),
            parse.GetValue(json), ct));
        return command;
    }

    private static Command Delete(CliContext context)
    {
        var id = new Argument<Guid>("ID") { Description = "The budget's id (from budgets list)." };
        var json = Options.Json();
        var command = new Command("delete", "Delete a budget.") { id, json };
        command.SetAction((parse, ct) => DeleteAsync(context, parse.GetValue(id), parse.GetValue(json), ct));
        return command;
    }

    /// <summary>The options given to <c>set</c>; null where one was left out.</summary>
    private sealed record Given(string? Scope, string? Target, string? Period, long? LimitMicros, string? Action, IReadOnlyList<int>? Thresholds);

    private static long? ParseLimit(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Money.TryParseDollars(text, out var micros) && micros > 0)
            return micros;
        result.AddError($"--limit must be dollars above zero like 25 or 25.50 (at most two decimals); '{text}' is not.");
        return null;
    }

    private static IReadOnlyList<int>? ParseThresholds(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var percents = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part.TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
            {
                result.AddError($"--thresholds must be percentages separated by commas like 50,80,100; '{text}' is not.");
                return null;
            }
            percents.Add(percent);
        }
        return percents;
    }

    private static async Task<int> ListAsync(CliContext context, bool json, CancellationToken ct)
    {
        var budgets = await Session.Api(context).GetAsync<BudgetList>(Path, ct);
        if (json)
            Json.Write(context.Out, budgets);
        else if (budgets.Data.Count == 0)
            context.Out.WriteLine("No budgets: billing budgets set --scope workspace --period month --limit 100 makes one.");
        else
            Write(context, budgets.Data);
        return ExitCodes.Done;
    }

    private static async Task<int> SetAsync(CliContext context, Guid? id, Given given, bool json, CancellationToken ct)
    {
        var api = Session.Api(context);
        Budget budget;
        if (id is { } existingId)
        {
            var current = (await api.GetAsync<BudgetList>(Path, ct)).Data.FirstOrDefault(b => b.Id == existingId)
                ?? throw new CliException($"No budget {existingId} in this workspace: billing budgets list shows its budgets.");
            // Moving to the workspace scope drops the target unless one was given (the server refuses a workspace target).
            var scope = given.Scope ?? current.Scope;
            var target = given.Target ?? (given.Scope is "workspace" ? null : current.Target);
            budget = await api.PutAsync<Budget>($"{Path}/{existingId}", new BudgetRequest(scope, target, given.Period ?? current.Period,
                given.LimitMicros ?? current.LimitMicros, given.Action ?? current.Action, given.Thresholds ?? current.Thresholds), ct);
        }
        else
        {
            if (given.Scope is null || given.Period is null || given.LimitMicros is null)
                throw new CliException("A new budget needs --scope, --period and --limit (and --target unless the scope is workspace).", ExitCodes.BadUsage);
            budget = await api.PostAsync<Budget>(Path, new BudgetRequest(given.Scope, given.Target, given.Period, given.LimitMicros.Value,
                given.Action ?? "notify", given.Thresholds), ct);
        }
        if (json)
            Json.Write(context.Out, budget);
        else
            Write(context, [budget]);
        return ExitCodes.Done;
    }

    private static async Task<int> DeleteAsync(CliContext context, Guid id, bool json, CancellationToken ct)
    {
        await Session.Api(context).DeleteAsync($"{Path}/{id}", ct);
        if (json)
            Json.Write(context.Out, new { id, deleted = true });
        else
            context.Out.WriteLine($"Deleted budget {id}.");
        return ExitCodes.Done;
    }

    private static void Write(CliContext context, IReadOnlyList<Budget> budgets)
    {
        var table = new Table(new Column("Id"), new Column("Scope"), new Column("Target"), new Column("Period"), new Column("Spent", AlignRight: true),
            new Column("Limit", AlignRight: true), new Column("Held", AlignRight: true), new Column("Action"), new Column("Alerts at"), new Column("Resets (UTC)"));
        foreach (var b in budgets)
            table.Add(b.Id.ToString(), b.Scope, b.Target ?? "", b.Period, Money.Format(b.SpentMicros), Money.Format(b.LimitMicros),
                b.HeldMicros == 0 ? "" : Money.Format(b.HeldMicros), b.Action, string.Join(",", b.Thresholds.Select(t => $"{t}%")), Dates.Minute(b.ResetsAt));
        table.Write(context.Out);
    }
}
