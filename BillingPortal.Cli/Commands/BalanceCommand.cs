using System.CommandLine;
using BillingPortal.Cli.Api;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary><c>billing balance</c>: the purchased credits in USD, one line, for a prompt or a script.</summary>
internal static class BalanceCommand
{
    public static Command Create(CliContext context)
    {
        var json = Options.Json();
        var command = new Command("balance", "The credit balance in USD.") { json };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, bool json, CancellationToken ct)
    {
        var status = await Session.Api(context).GetAsync<BillingStatus>("api/v1/billing/status", ct);
        if (json)
            Json.Write(context.Out, new Balance(status.CreditBalanceMicros, status.AllowanceRemainingMicros, "USD"));
        else
            context.Out.WriteLine(Money.Format(status.CreditBalanceMicros));
        return ExitCodes.Done;
    }

    public sealed record Balance(long CreditBalanceMicros, long AllowanceRemainingMicros, string Currency);
}
