using System.CommandLine;
using System.CommandLine.Parsing;
using BillingPortal.Cli.Api;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary>
/// <c>billing top-up 50</c>: starts buying credits and opens the checkout. Nothing is charged until a person pays
/// there. A bad amount is bad usage, refused before anything is sent.
/// </summary>
internal static class TopUpCommand
{
    // The server's limits (PurchaseRules); repeated so a bad amount is refused without a request, kept equal by a test.
    public const long MinimumMicros = 5 * Money.MicrosPerDollar;
    public const long MaximumMicros = 100_000 * Money.MicrosPerDollar;

    public static Command Create(CliContext context)
    {
        var amount = new Argument<long>("AMOUNT")
        {
            Description = $"Dollars to buy, like 50 or 12.50 ({Money.Format(MinimumMicros)} to {Money.Format(MaximumMicros)}).",
            CustomParser = ParseAmount,
        };
        var noBrowser = Options.NoBrowser();
        var json = Options.Json();
        var command = new Command("top-up", "Buy credits: opens the checkout in a browser; nothing is charged until you pay there.") { amount, noBrowser, json };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(amount), parse.GetValue(noBrowser), parse.GetValue(json), ct));
        return command;
    }

    private static long ParseAmount(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (Dollars(text, out var micros, out var problem))
            return micros;
        result.AddError(problem);
        return 0;
    }

    /// <summary>"50", "12.50" or "$1,000" as micro-dollars, exactly; whole cents only, within the purchase limits.</summary>
    public static bool Dollars(string text, out long micros, out string problem)
    {
        if (!Money.TryParseDollars(text, out micros))
        {
            problem = $"AMOUNT must be dollars like 50 or 12.50 (at most two decimals); '{text}' is not.";
            return false;
        }
        problem = micros switch
        {
            < MinimumMicros => $"The smallest top-up is {Money.Format(MinimumMicros)}; {Money.Format(micros)} is less.",
            > MaximumMicros => $"The largest top-up is {Money.Format(MaximumMicros)}; {Money.Format(micros)} is more.",
            _ => "",
        };
        return problem.Length == 0;
    }

    private static async Task<int> RunAsync(CliContext context, long amountMicros, bool noBrowser, bool json, CancellationToken ct)
    {
        var api = Session.Api(context);
        // One key per command: a retry of this request finds the same checkout instead of starting a second.
        var page = await api.PostAsync<BrowserUrl>("api/v1/billing/top-ups", new TopUpRequest(amountMicros), ct, idempotencyKey: Guid.NewGuid().ToString("N"));
        Session.ShowPage(context, page, noBrowser, json);
        return ExitCodes.Done;
    }
}
