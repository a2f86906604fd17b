using System.CommandLine;
using BillingPortal.Cli.Commands;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli;

/// <summary>
/// The <c>billing</c> command. <see cref="RunAsync"/> is the whole program given its surroundings, so tests run it
/// in-process against a real server; <see cref="Main"/> only hands it the real process's.
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => RunAsync(args, CliContext.FromProcess());

    /// <summary>Parses and runs one command line; the exit code is 0 done, 1 refused or failed, 2 bad usage.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken ct = default)
    {
        var parsed = Commands(context).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                await context.Error.WriteLineAsync(Terminal.Clean(error.Message));
            await context.Error.WriteLineAsync("Run billing --help for the commands and their options.");
            return ExitCodes.BadUsage;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                Output = context.Out,
                Error = context.Error,
                // A failure is reported by the catch below in words, never as a stack trace.
                EnableDefaultExceptionHandler = false,
            }, ct);
        }
        catch (CliException e)
        {
            await context.Error.WriteLineAsync(e.Message);
            return e.ExitCode;
        }
    }

    public static RootCommand Commands(CliContext context) =>
        new("billing: a workspace's credits, usage, invoices and cards from a terminal (docs/cli.md).")
        {
            LoginCommand.Create(context),
            SetupCommand.Create(context),
            StatusCommand.Create(context),
            BalanceCommand.Create(context),
            TransactionsCommand.Create(context),
            UsageCommand.Create(context),
            InvoicesCommand.Create(context),
            TopUpCommand.Create(context),
            CardsCommand.Create(context),
            BudgetsCommand.Create(context),
            BrowserCommands.AddCard(context),
            BrowserCommands.Portal(context),
        };
}
