using System.CommandLine;
using BillingPortal.Cli.Api;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary><c>billing balance</c>: the purchased credits in USD, one line, for a prompt or a script.</summary>
internal static class BalanceCommand
{
    public static Command Create(CliContext context) =>
        Options.WithJson("balance", "The credit balance in USD.", (json, ct) => RunAsync(context, json, ct));

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
