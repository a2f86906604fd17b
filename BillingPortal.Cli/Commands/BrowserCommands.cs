using System.CommandLine;
using BillingPortal.Cli.Api;

namespace BillingPortal.Cli.Commands;

/// <summary><c>billing add-card</c> and <c>billing portal</c>: each asks the server for a page and opens it.</summary>
internal static class BrowserCommands
{
    public static Command AddCard(CliContext context) =>
        Create(context, "add-card", "Open the page that adds a card.", "api/v1/billing/cards/setup");

    public static Command Portal(CliContext context) =>
        Create(context, "portal", "Open the payment provider's customer portal (invoices, cards, billing details).", "api/v1/billing/portal");

    private static Command Create(CliContext context, string name, string description, string path)
    {
        var noBrowser = Options.NoBrowser();
        var json = Options.Json();
        var command = new Command(name, description) { noBrowser, json };
        command.SetAction(async (parse, ct) =>
        {
            var page = await Session.Api(context).PostAsync<BrowserUrl>(path, body: null, ct);
            Session.ShowPage(context, page, parse.GetValue(noBrowser), parse.GetValue(json));
            return ExitCodes.Done;
        });
        return command;
    }
}
