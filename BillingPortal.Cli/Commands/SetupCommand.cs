using System.CommandLine;
using System.Net;
using BillingPortal.Cli.Api;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary>
/// <c>billing setup</c>: from a fresh token to a workspace that can spend. It reads the status, then at a terminal
/// offers to add a card and buy first credits (each opens a browser; nothing is charged until paid there) and points
/// at auto top-up. Without a terminal (a script, CI) it only prints the next steps and starts nothing.
/// </summary>
internal static class SetupCommand
{
    public const long SuggestedTopUpMicros = 50 * Money.MicrosPerDollar;

    public static Command Create(CliContext context)
    {
        var noBrowser = Options.NoBrowser();
        var command = new Command("setup", "Guided: add a card, buy first credits, and where auto-pay is turned on.") { noBrowser };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(noBrowser), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, bool noBrowser, CancellationToken ct)
    {
        var api = Session.Api(context);
        var output = context.Out;
        var status = await api.GetAsync<BillingStatus>("api/v1/billing/status", ct);
        output.WriteLine($"{Terminal.Clean(status.WorkspaceName)}: {status.Plan.Name} plan ({status.Subscription.Status}), credits {Money.Format(status.CreditBalanceMicros)}.");
        var credits = api.Address("billing/credits").AbsoluteUri;

        if (!context.Interactive)
        {
            output.WriteLine("Next steps:");
            output.WriteLine(status.DefaultCard is { } card
                ? $"  1. Card on file: {CardsCommand.Describe(card)}."
                : $"  1. Add a card: billing add-card (or open {api.Address("billing/payment").AbsoluteUri}).");
            output.WriteLine($"  2. Buy credits: billing top-up {SuggestedTopUpMicros / Money.MicrosPerDollar} (any amount from {Money.Format(TopUpCommand.MinimumMicros)} to {Money.Format(TopUpCommand.MaximumMicros)}).");
            output.WriteLine($"  3. Optional auto-pay: turn on auto top-up on the Credits page, {credits}");
            return ExitCodes.Done;
        }

        var prompt = new Prompt(context);
        try
        {
            if (status.DefaultCard is { } card)
                output.WriteLine($"Card on file: {CardsCommand.Describe(card)}.");
            else if (prompt.YesNo("No card on file. Open the page that adds one?", yes: true))
                Session.ShowPage(context, await api.PostAsync<BrowserUrl>("api/v1/billing/cards/setup", null, ct), noBrowser, json: false);

            if (prompt.Amount($"Buy credits now? Dollars ({Money.Format(TopUpCommand.MinimumMicros)} to {Money.Format(TopUpCommand.MaximumMicros)}), Enter to skip:")
                is { } amount)
                Session.ShowPage(context, await api.PostAsync<BrowserUrl>("api/v1/billing/top-ups", new TopUpRequest(amount), ct,
                    idempotencyKey: Guid.NewGuid().ToString("N")), noBrowser, json: false);
        }
        catch (ApiException e) when (e.Status == HttpStatusCode.Forbidden)
        {
            throw new CliException($"{e.Message}\nAdding cards and buying credits need a billing:manage token of an Owner or Admin.");
        }
        output.WriteLine($"Auto-pay: turn on auto top-up on the Credits page to refill when credits run low: {credits}");
        return ExitCodes.Done;
    }
}
