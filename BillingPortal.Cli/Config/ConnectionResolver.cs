namespace BillingPortal.Cli.Config;

/// <summary>BILLING_URL and BILLING_TOKEN win over the config file, each on its own (a CI job sets just the token).</summary>
public static class ConnectionResolver
{
    public const string DefaultUrl = "http://localhost:5065";

    public static Connection Resolve(CliContext context)
    {
        var saved = new ConfigStore(context).Load();
        var url = context.Environment("BILLING_URL") is { Length: > 0 } envUrl ? envUrl : saved?.Url ?? DefaultUrl;
        var token = context.Environment("BILLING_TOKEN") is { Length: > 0 } envToken ? envToken : saved?.Token;
        if (string.IsNullOrWhiteSpace(token))
            throw new CliException("No token: run billing login (or set BILLING_TOKEN).");
        return new Connection(ParseUrl(url), token.Trim());
    }

    /// <summary>An http(s) server address; anything else is bad usage.</summary>
    public static Uri ParseUrl(string text)
    {
        if (Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            return new Uri(uri.AbsoluteUri.TrimEnd('/') + "/");
        throw new CliException($"'{text}' is not a server address: give one like {DefaultUrl}.", ExitCodes.BadUsage);
    }
}
