using System.CommandLine;
using BillingPortal.Cli.Api;
using BillingPortal.Cli.Config;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary>
/// <c>billing login</c>: checks the token against the server, then keeps both in the config file (mode 600). Without
/// <c>--token</c> it reads the token from stdin (asked for, unechoed, at a terminal), so it stays out of shell history.
/// </summary>
internal static class LoginCommand
{
    public static Command Create(CliContext context)
    {
        var url = new Option<string>("--url") { Description = $"The server's address (default BILLING_URL, the saved one, or {ConnectionResolver.DefaultUrl})." };
        var token = new Option<string>("--token") { Description = "A personal token (bp_pat_…); without it, read from stdin." };
        var command = new Command("login", "Save the server's address and a personal token (made at /settings/tokens) for the other commands.") { url, token };
        command.SetAction((parse, ct) => RunAsync(context, parse.GetValue(url), parse.GetValue(token), ct));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, string? url, string? token, CancellationToken ct)
    {
        var store = new ConfigStore(context);
        var saved = store.Load();
        var address = ConnectionResolver.ParseUrl(url ?? (context.Environment("BILLING_URL") is { Length: > 0 } env ? env : saved?.Url ?? ConnectionResolver.DefaultUrl));
        token ??= ReadToken(context);
        if (string.IsNullOrWhiteSpace(token))
            throw new CliException("No token given: pass --token or type it when asked (make one at /settings/tokens).", ExitCodes.BadUsage);
        token = token.Trim();

        // Saved only once the server accepts it, so a typo never replaces a working login.
        BillingStatus status;
        try
        {
            status = await new ApiClient(context.Http, new Connection(address, token)).GetAsync<BillingStatus>("api/v1/billing/status", ct);
        }
        catch (ApiException e) when (e.Status == System.Net.HttpStatusCode.Unauthorized)
        {
            throw new CliException($"{address} refused this token; nothing was saved. {e.Message}");
        }
        store.Save(new CliConfig(address.AbsoluteUri.TrimEnd('/'), token));
        context.Out.WriteLine($"Logged in to {Terminal.Clean(status.WorkspaceName)} at {address.AbsoluteUri.TrimEnd('/')}.");
        context.Out.WriteLine($"Saved in {store.FilePath}{(OperatingSystem.IsWindows() ? "" : " (readable only by you)")}.");
        if (context.Environment("BILLING_TOKEN") is { Length: > 0 })
            context.Error.WriteLine("Note: BILLING_TOKEN is set and wins over the saved token.");
        return ExitCodes.Done;
    }

    private static string? ReadToken(CliContext context)
    {
        if (!context.Interactive)
            return context.In.ReadLine();
        context.Out.Write("Personal token (bp_pat_…, from /settings/tokens): ");
        if (!ReferenceEquals(context.In, Console.In) || Console.IsInputRedirected)
            return context.In.ReadLine();
        // At a real terminal the secret is not echoed.
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
                typed.Length--;
            else if (!char.IsControl(key.KeyChar))
                typed.Append(key.KeyChar);
        }
        context.Out.WriteLine();
        return typed.ToString();
    }
}
