using System.CommandLine;
using BillingPortal.Cli.Api;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary><c>billing cards</c>: the cards on file, the default first.</summary>
internal static class CardsCommand
{
    public static Command Create(CliContext context) =>
        Options.WithJson("cards", "The cards on file, the default first.", (json, ct) => RunAsync(context, json, ct));

    public static string Describe(Card card) =>
        $"{card.Brand} ending {card.Last4}, expires {card.ExpMonth:00}/{card.ExpYear}{(card.IsExpired ? " (expired)" : "")}";

    private static async Task<int> RunAsync(CliContext context, bool json, CancellationToken ct)
    {
        var cards = await Session.Api(context).GetAsync<CardList>("api/v1/billing/cards", ct);
        if (json)
        {
            Json.Write(context.Out, cards);
            return ExitCodes.Done;
        }
        if (cards.Data.Count == 0)
        {
            context.Out.WriteLine("No cards on file: billing add-card opens the page that adds one.");
            return ExitCodes.Done;
        }
        var table = new Table(new Column("Brand"), new Column("Number"), new Column("Expires"), new Column("Default"), new Column("Expired"));
        foreach (var card in cards.Data)
            table.Add(card.Brand, $"**** {card.Last4}", $"{card.ExpMonth:00}/{card.ExpYear}", card.IsDefault ? "yes" : "", card.IsExpired ? "yes" : "");
        table.Write(context.Out);
        return ExitCodes.Done;
    }
}
