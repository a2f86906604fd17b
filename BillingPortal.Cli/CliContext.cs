namespace BillingPortal.Cli;

/// <summary>
/// Everything the CLI touches outside itself: its streams, environment, HTTP client, clock and browser. The real
/// process passes its own (<see cref="FromProcess"/>); tests pass theirs, so every command runs in-process against the
/// real app on a port, with no browser opened and no real config folder touched.
/// </summary>
public sealed class CliContext
{
    public required TextWriter Out { get; init; }
    public required TextWriter Error { get; init; }
    public required TextReader In { get; init; }

    /// <summary>True when a person can answer prompts (stdin is a terminal); <c>setup</c> and <c>login</c> ask only then.</summary>
    public required bool Interactive { get; init; }

    /// <summary>Reads an environment variable (BILLING_URL, BILLING_TOKEN, BILLING_NO_BROWSER, XDG_CONFIG_HOME, HOME, APPDATA).</summary>
    public required Func<string, string?> Environment { get; init; }

    /// <summary>Sends every request; the API client gives absolute URIs, so it needs no base address.</summary>
    public required HttpClient Http { get; init; }

    /// <summary>"Today" for <c>--since 7d</c>: the machine's clock, or a test's fixed one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Opens a URL in a browser; false when it could not. Never called when BILLING_NO_BROWSER is set.</summary>
    public Func<string, bool> OpenBrowser { get; init; } = Browser.TryOpen;

    public static CliContext FromProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        Interactive = !Console.IsInputRedirected,
        Environment = System.Environment.GetEnvironmentVariable,
        Http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) },
    };

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
}
