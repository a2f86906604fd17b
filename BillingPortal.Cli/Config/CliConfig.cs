namespace BillingPortal.Cli.Config;

/// <summary>What <c>billing login</c> keeps: the server's address and the personal token for it.</summary>
public sealed record CliConfig(string Url, string Token);

/// <summary>The server and token one command uses, and where each came from (for messages).</summary>
public sealed record Connection(Uri BaseUrl, string Token);
