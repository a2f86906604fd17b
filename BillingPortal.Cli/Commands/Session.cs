using BillingPortal.Cli.Api;
using BillingPortal.Cli.Config;
using BillingPortal.Cli.Output;

namespace BillingPortal.Cli.Commands;

/// <summary>What a command needs to call the API: the resolved server and token, and how to show a page to open.</summary>
internal static class Session
{
    public static ApiClient Api(CliContext context) => new(context.Http, ConnectionResolver.Resolve(context));

    /// <summary>
    /// Prints the message and the URL (always, so a person can copy it), then tries to open it unless told not to.
    /// Not being able to open a browser is a note, never a failure.
    /// </summary>
    public static void ShowPage(CliContext context, BrowserUrl page, bool noBrowser, bool json)
    {
        if (json)
            Json.Write(context.Out, page);
        else
        {
            context.Out.WriteLine(Terminal.Clean(page.Message));
            context.Out.WriteLine(Terminal.Clean(page.Url));
        }
        if (noBrowser || context.Environment("BILLING_NO_BROWSER") is { Length: > 0 } and not "0")
            return;
        if (!Uri.TryCreate(page.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
            context.Error.WriteLine("Not opening a page that is not http(s); open it yourself if you trust it.");
        else if (!context.OpenBrowser(url.AbsoluteUri))
            context.Error.WriteLine("Could not open a browser: open the URL above.");
    }
}
